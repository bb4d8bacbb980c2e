@0xb883479c148ddb40;
# Payloads of the booking core's events. Evolve by adding fields with new
# ordinals; never renumber, retype or remove one.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("hoyo::domain::schema");

enum RoomStyle { japanese @0; western @1; standard @2; }
enum StyleWish { any @0; japanese @1; western @2; }
enum Origin { firstCome @0; lottery @1; runnerUp @2; waitlist @3; }

struct RoomType {
  style @0 :RoomStyle;
  rooms @1 :UInt32;
  capacity @2 :UInt32;
}

struct BookingRules {
  openMonthsBefore @0 :Int32;
  openHour @1 :Int32;
  closeDaysBefore @2 :Int32;
  changeCloseDaysBefore @3 :Int32;
  cancelCloseDaysBefore @4 :Int32;
  maxUpcoming @5 :Int32;
  maxNights @6 :Int32;
}

struct Facility {
  id @0 :Text;
  name @1 :Text;
  nameEn @2 :Text;
  roomTypes @3 :List(RoomType);
  styleWish @4 :Bool;
  rules @5 :BookingRules;
  closed @6 :List(Int32);     # days since 1970-01-01
  rates @7 :List(RateTable);  # the fees (domain/rates.h); none before issue 17
  penalties @8 :PenaltyOverrides;  # absent: the ward's penalty rules throughout
  waitlist @9 :WaitlistSettings;   # absent: no waitlist (the defaults, off)
}

# A facility's cancellation waitlist (domain/facility.h WaitlistSettings).
struct WaitlistSettings {
  enabled @0 :Bool;
  entriesPerMonth @1 :Int32;
  closeDaysBefore @2 :Int32;
  pickMinute @3 :Int32;         # minutes after 00:00 Tokyo time
  offerDays @4 :Int32;
  offerByMinute @5 :Int32;
}

struct FacilityRegistered { facility @0 :Facility; }
struct FacilityChanged { facility @0 :Facility; }
struct DatesClosed { facility @0 :Text; dates @1 :List(Int32); }
struct DatesReopened { facility @0 :Text; dates @1 :List(Int32); }

# An operator's free text about one user (issue 17's reasons), sealed under
# the user's data key (AES-256-GCM, as personal fields): destroying the key
# on erasure leaves only unreadable bytes. Absent in events before sealing.
struct SealedText {
  keyId @0 :Text;
  bytes @1 :Data;
}

struct Reservation {
  number @0 :Text;
  user @1 :Text;
  facility @2 :Text;
  checkIn @3 :Int32;          # days since 1970-01-01
  nights @4 :UInt8;
  people @5 :List(UInt16);
  style @6 :RoomStyle;
  wish @7 :StyleWish;
  origin @8 :Origin;
  bookedAt @9 :Int64;         # microseconds since the Unix epoch
  application @10 :Text;      # the lottery application it won, if any
  guests @11 :List(Guests);   # per night; empty: people priced as adults
  reduction @12 :UInt8;       # domain Reduction: 0 none, 1 senior, 2 disability
  price @13 :Price;           # absent: not priced (no rate table in force)
  # Win confirmation (domain/confirmation.h): 0 none, 1 required (with
  # confirmBy, the deadline's last second), 2 confirmed. Absent: none.
  confirmation @14 :UInt8;
  confirmBy @15 :Int64;
  overrideReason @16 :Text;   # an operator booked for a suspended user, saying why (before sealing)
  sealedOverrideReason @17 :SealedText;  # since: the reason, sealed; overrideReason empty
}

# fromHold: a lottery win booked after its publication's group (a batch of
# the scheduler, or the publication's own): its nights leave the hold.
struct ReservationBooked { reservation @0 :Reservation; fromHold @1 :Bool; }

struct ReservationChanged {
  number @0 :Text;
  checkIn @1 :Int32;
  nights @2 :UInt8;
  people @3 :List(UInt16);
  style @4 :RoomStyle;
  wish @5 :StyleWish;
  guests @6 :List(Guests);
  reduction @7 :UInt8;
  price @8 :Price;                      # the new price; absent: not priced
  priceDifference @9 :PriceDifference;  # absent unless both prices exist
  waived @10 :Bool;                     # a night dropped late: its penalty waived
  waiverReason @11 :Text;                # before sealing; empty since
  sealedReason @12 :SealedText;         # the waiver's reason under the user's data key
}

struct ReservationCancelled {
  number @0 :Text;
  waived @1 :Bool;            # the centre waived a late cancellation's penalty
  reason @2 :Text;            # the waiver's reason (before sealing; empty since)
  sealedReason @3 :SealedText;  # the waiver's reason under the user's data key
}

enum DrawAlgorithm { serialDictatorship @0; preferenceRounds @1; }

struct Allotment {
  facility @0 :Text;
  night @1 :Int32;
  style @2 :RoomStyle;
  rooms @3 :UInt32;
}

struct LotteryPeriod {
  id @0 :Text;
  stayMonth @1 :Int32;
  facilities @2 :List(Text);
  opensAt @3 :Int64;
  closesAt @4 :Int64;
  drawAt @5 :Int64;
  publishAt @6 :Int64;
  preferenceSlots @7 :UInt8;
  algorithm @8 :DrawAlgorithm;
  seedHash @9 :Data;
  allotment @10 :List(Allotment);
  priorityLostPeriods @11 :UInt8;
  # How the seed is made (docs/lottery.md): 1 = operator's secret and the
  # chain hash; 2 = operator's secret, auditor's secret and the chain hash.
  # Periods opened before the field existed read as 1.
  drawRule @12 :UInt8 = 1;
  # The auditor's commitment, when it was made and the revealed secret. Empty
  # in the log's LotteryOpened (LotteryAuditorCommitted and
  # LotteryAuditorRevealed carry them); set in projection snapshots.
  auditorSeedHash @13 :Data;
  auditorCommittedAt @14 :Int64;
  auditorSecret @15 :Data;
  # Win confirmation: 0 none (periods opened before it existed), 1 required;
  # the days to confirm, the release rule (0 first_come) and releaseAt (0:
  # 12:00 Tokyo time the day after each deadline).
  confirmation @16 :UInt8;
  confirmDays @17 :UInt8;
  release @18 :UInt8;
  releaseAt @19 :Int64;
  # Rooms freed: whether the period's losers are told when lapsed rooms join
  # first-come (false: periods opened before it existed, and the default).
  notifyLosers @20 :Bool;
  # Offers to runners-up (release 1): the days each offer stays open.
  offerDays @21 :UInt8 = 2;
}

struct LotteryOpened { period @0 :LotteryPeriod; }

struct LotteryApplied {
  id @0 :Text;
  lottery @1 :Text;
  user @2 :Text;
  facility @3 :Text;
  checkIn @4 :Int32;
  nights @5 :UInt8;
  people @6 :List(UInt16);
  wish @7 :StyleWish;
  preference @8 :UInt8;
  appliedAt @9 :Int64;
  guests @10 :List(Guests);   # per night; empty: people priced as adults
  reduction @11 :UInt8;       # domain Reduction: 0 none, 1 senior, 2 disability
}

struct LotteryApplicationsCancelled {
  lottery @0 :Text;
  applications @1 :List(Text);
}

struct DrawWin {
  application @0 :Text;
  style @1 :RoomStyle;
}

struct LotteryDrawn {
  lottery @0 :Text;
  seed @1 :Data;
  algorithm @2 :DrawAlgorithm;
  wins @3 :List(DrawWin);
  secret @4 :Data;
  inputs @5 :Data;
  # The applicants in the draw's order, for a period offering lapsed wins to
  # runners-up (empty otherwise and in draws from before). Written by draws
  # before orderPacked only; read from either.
  order @6 :List(Text);
  # The same order packed: each user id as its length (a base-128 varint)
  # and its bytes, about 9 bytes an applicant where a Text list takes 24,
  # so that a draw of some 50,000 applicants fits one cluster message.
  orderPacked @7 :Data;
}

# at: the publication's instant, the result notices' due time (0 in events
# from before the scheduler wrote them, when they were in the same group).
# kept: the won rooms that stay held until their bookings (fromHold); empty in
# publications that booked every win in their own group (older logs).
struct LotteryPublished { lottery @0 :Text; at @1 :Int64; kept @2 :List(Allotment); }
# The scheduler told the period's first `told` applicants their result.
struct LotteryResultsTold { lottery @0 :Text; told @1 :UInt32; }
# The period's first `booked` wins (in the draw's order) are booked; `all`:
# every one is.
struct LotteryWinsBooked {
  lottery @0 :Text;
  booked @1 :UInt32;
  all @2 :Bool;
  # The wins of this batch not booked: their holder's account was erased
  # before it; their rooms leave the hold (docs/lottery.md "Publication").
  passed @3 :List(DrawWin);
}
# Rooms freed by the wins of `lottery` lapsing at `due`, released at
# `release`: the period's losers are told by the scheduler in batches.
struct FreedRoom { facility @0 :Text; first @1 :Int32; nights @2 :UInt16; style @3 :RoomStyle; }
# rooms: the first 20 (by first night, facility and style); more: how many others.
struct LosersToTell {
  lottery @0 :Text; due @1 :Int64; release @2 :Int64; rooms @3 :List(FreedRoom); more @4 :UInt32;
}
# The first `told` losers of LosersToTell{lottery, due} are told; `all`: every one.
struct LosersTold { lottery @0 :Text; due @1 :Int64; told @2 :UInt32; all @3 :Bool; }

struct LotteryAuditorCommitted {
  lottery @0 :Text;
  seedHash @1 :Data;          # SHA-256 of the auditor's secret
  at @2 :Int64;
}

struct LotteryAuditorRevealed {
  lottery @0 :Text;
  secret @1 :Data;
}

# Win confirmation: a confirmation, a lapse at its due time and the release
# of the lapsed room (the nights freed) at its due time.
struct ReservationConfirmed { number @0 :Text; }
struct WinLapsed { number @0 :Text; due @1 :Int64; }
struct LapsedRoomReleased { number @0 :Text; due @1 :Int64; freed @2 :List(Int32); }

# Accounts. Personal fields travel only inside `sealed` (AES-256-GCM under the
# registration's data key); no password, hash, token or image byte is here.
enum Channel { online @0; postcard @1; }
enum Category { resident @0; worker @1; }

struct RegistrationSubmitted {
  id @0 :Text;
  channel @1 :Channel;
  category @2 :Category;
  keyId @3 :Text;
  sealed @4 :Data;
  emailGiven @5 :Bool;
  proof @6 :Text;             # hex SHA-256 of the stored proof; empty if none
  identity @7 :Data;
  duplicates @8 :List(Text);
  at @9 :Int64;
}

struct RegistrationApproved {
  id @0 :Text;
  userNumber @1 :Text;
  automatic @2 :Bool;
  at @3 :Int64;
}

struct RegistrationRejected { id @0 :Text; reason @1 :Text; }

enum PasswordReason { initial @0; changed @1; reset @2; }
struct PasswordSet { account @0 :Text; reason @1 :PasswordReason; at @2 :Int64; }

struct LoginAttempted { account @0 :Text; succeeded @1 :Bool; outcome @2 :Text; }
struct PasswordResetIssued { account @0 :Text; }

enum MailKind { approved @0; rejected @1; resetLink @2; passwordChanged @3; notice @4; }
struct MailQueued {
  id @0 :Text;
  registration @1 :Text;
  kind @2 :MailKind;
  notice @3 :Text;            # kind notice: the NoticeIssued it carries
}
struct MailSent { id @0 :Text; attempts @1 :UInt16; }
struct MailFailed {
  id @0 :Text;
  attempt @1 :UInt16;
  error @2 :Text;
  final @3 :Bool;
  at @4 :Int64;
}

struct PersonalDataErased { registration @0 :Text; reason @1 :Text; }

enum OperatorRole { operator @0; auditor @1; admin @2; }
struct OperatorAdded { login @0 :Text; role @1 :OperatorRole; }
struct OperatorDisabled { login @0 :Text; }

enum SecondFactorChange { enabled @0; disabled @1; reset @2; }
struct SecondFactorChanged { account @0 :Text; change @1 :SecondFactorChange; }

# A facility's rate table (domain/rates.h). Amounts are yen.
struct MonthDayRange { fromMonth @0 :UInt8; fromDay @1 :UInt8; toMonth @2 :UInt8; toDay @3 :UInt8; }
struct ReducedRate { perNight @0 :Int64; nightsPerFiscalYear @1 :UInt16; }
struct RateTable {
  effectiveFrom @0 :Int32;    # days since 1970-01-01
  adult @1 :Int64;
  child @2 :Int64;
  infant @3 :Int64;
  saturdaySurcharge @4 :Int64;
  holidayEveSurcharge @5 :Int64;
  senior @6 :ReducedRate;     # absent: not offered
  disability @7 :ReducedRate; # absent: not offered
  reducedExcludesSaturdays @8 :Bool;
  reducedExcludesHolidayEves @9 :Bool;
  reducedExcludedRanges @10 :List(MonthDayRange);
  bathingTax @11 :Int64;
}

# Notices (お知らせ) and the user's notice preferences.
enum Language { ja @0; en @1; }
enum NoticeKind {
  lotteryResult @0;
  bookingReceipt @1;
  changeReceipt @2;
  cancellationReceipt @3;
  confirmationReminder @4;
  winLapsed @5;
  stayReminder @6;
  roomsFreed @7;
  suspended @8;
  suspensionLifted @9;
  runnerUpOffer @10;
  waitlistOffer @11;
}

struct PreferencesSet { user @0 :Text; language @1 :Language; reminders @2 :Bool; }

struct NoticeIssued {
  id @0 :Text;
  user @1 :Text;
  kind @2 :NoticeKind;
  language @3 :Language;
  subject @4 :Text;
  body @5 :Text;
  mail @6 :Text;
  cause @7 :Text;
  confirmBy @8 :Int64;
  at @9 :Int64;
}

struct NoticesRead { user @0 :Text; notices @1 :List(Text); }

# The guests of one night and the price of a stay (domain/pricing.h).
struct Guests { adults @0 :UInt16; children @1 :UInt16; infants @2 :UInt16; }
struct PriceLine {
  date @0 :Int32;             # days since 1970-01-01
  category @1 :UInt8;         # domain PriceCategory
  count @2 :Int32;
  unitPrice @3 :Int64;        # yen
  amount @4 :Int64;           # yen
}
struct Price { total @0 :Int64; lines @1 :List(PriceLine); }
struct PriceDifference { total @0 :Int64; }

# An operator marked a reservation paid at the facility (issue 17).
struct ReservationPaid { number @0 :Text; at @1 :Int64; }

# Penalties (issue 17, domain/penalties.h). PenaltyRules: the ward's rules.
struct PenaltyRules {
  enabled @0 :Bool;
  lateDays @1 :Int32;
  lateCancellationDays @2 :Int32;
  noShowDays @3 :Int32;
}
# A facility's overrides: a has* flag per value given.
struct PenaltyOverrides {
  hasEnabled @0 :Bool;
  enabled @1 :Bool;
  hasLateDays @2 :Bool;
  lateDays @3 :Int32;
  hasLateCancellationDays @4 :Bool;
  lateCancellationDays @5 :Int32;
  hasNoShowDays @6 :Bool;
  noShowDays @7 :Int32;
}
struct PenaltyRulesSet { rules @0 :PenaltyRules; }
struct AttendanceRecorded {
  number @0 :Text;
  attendance @1 :UInt8;       # domain Attendance: 1 stayed, 2 no_show
  at @2 :Int64;
}
struct UserSuspended {
  user @0 :Text;
  cause @1 :UInt8;            # domain SuspensionCause: 0 late cancellation, 1 no-show
  number @2 :Text;
  from @3 :Int32;             # days since 1970-01-01
  until @4 :Int32;            # the last day suspended
}
struct SuspensionLifted {
  user @0 :Text;
  reason @1 :Text;
  at @2 :Int64;
  suspension @3 :Text;        # the one lifted (domain Suspension::id); empty (and absent before it): all
  sealedReason @4 :SealedText;  # the reason under the user's data key; `reason` then empty
}
# The ward's limits on stays (domain/stay_limits.h); 0 turns one off.
struct StayLimits {
  nightsPerFiscalYear @0 :Int32;
  nightsPerMonth @1 :Int32;
  minPeoplePerRoom @2 :Int32;
}
struct StayLimitsSet { limits @0 :StayLimits; }

# Offers to runners-up (domain/offer.h): the nights of a lapsed win offered to
# the next applicant in the draw's order, accepted, declined or lapsed.
struct Offer {
  id @0 :Text;
  lottery @1 :Text;
  user @2 :Text;
  application @3 :Text;
  lapsed @4 :Text;            # the lapsed win whose nights are offered
  facility @5 :Text;
  checkIn @6 :Int32;          # days since 1970-01-01
  nights @7 :UInt8;
  people @8 :List(UInt16);
  style @9 :RoomStyle;
  wish @10 :StyleWish;
  rank @11 :UInt32;           # the applicant's index in the draw's order
  at @12 :Int64;
  offerBy @13 :Int64;         # the last second it can be accepted
}
struct RoomOffered { offer @0 :Offer; }
struct OfferAccepted { offer @0 :Text; number @1 :Text; at @2 :Int64; }
struct OfferDeclined { offer @0 :Text; at @1 :Int64; }
struct OfferLapsed { offer @0 :Text; due @1 :Int64; }

# The cancellation waitlist (domain/waitlist.h).
struct WaitlistEntry {
  id @0 :Text;
  user @1 :Text;
  facility @2 :Text;
  checkIn @3 :Int32;          # days since 1970-01-01
  nights @4 :UInt8;
  people @5 :List(UInt16);
  wish @6 :StyleWish;
  joinedAt @7 :Int64;
  guests @8 :List(Guests);    # per night; empty (and in older events): people as adults
  reduction @9 :UInt8;        # domain Reduction: 0 none, 1 senior, 2 disability
}
struct WaitlistJoined { entry @0 :WaitlistEntry; }
struct WaitlistLeft { entry @0 :Text; at @1 :Int64; }
struct WaitlistHold {
  id @0 :Text;
  facility @1 :Text;
  style @2 :RoomStyle;
  nights @3 :List(Int32);     # days since 1970-01-01, ascending
  heldAt @4 :Int64;
  pickAt @5 :Int64;
}
struct WaitlistRoomHeld { hold @0 :WaitlistHold; }
struct WaitlistHoldReleased { hold @0 :Text; freed @1 :List(Int32); at @2 :Int64; }
struct WaitlistOffer {
  id @0 :Text;
  entry @1 :Text;
  hold @2 :Text;
  user @3 :Text;
  facility @4 :Text;
  checkIn @5 :Int32;
  nights @6 :UInt8;
  people @7 :List(UInt16);
  style @8 :RoomStyle;
  wish @9 :StyleWish;
  at @10 :Int64;
  offerBy @11 :Int64;         # the last second it can be accepted
}
struct WaitlistOffered {
  offer @0 :WaitlistOffer;
  seed @1 :UInt64;            # the draw's seed: candidate seed % candidates
  candidates @2 :UInt32;
}
struct WaitlistOfferAccepted { offer @0 :Text; number @1 :Text; at @2 :Int64; }
struct WaitlistOfferClosed {
  offer @0 :Text;
  status @1 :UInt8;           # domain WaitlistOfferStatus: 2 declined, 3 lapsed, 4 withdrawn
  at @2 :Int64;
}
