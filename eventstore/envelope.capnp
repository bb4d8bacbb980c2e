@0xa6a0449a9c1db0a5;
# The stored form of one event. Evolve by adding fields with new ordinals;
# never renumber or retype an existing field.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("hoyo::eventstore::schema");

struct Envelope {
  position @0 :UInt64;        # global, gap-free, starting at 1
  streamId @1 :Text;
  streamVersion @2 :UInt64;   # 1 for a stream's first event
  eventId @3 :Data;           # 16 bytes, chosen by the caller
  type @4 :Text;
  recordedAt @5 :Int64;       # microseconds since the Unix epoch, UTC
  actor @6 :Text;             # "user:N", "operator:LOGIN", "system", ...
  correlationId @7 :Data;     # 16 bytes, zero when none
  causationId @8 :Data;       # 16 bytes, zero when none
  payload @9 :Data;           # the domain's Cap'n Proto payload
  chainHash @10 :Data;        # SHA-256(previous chainHash || canonical bytes)
}
