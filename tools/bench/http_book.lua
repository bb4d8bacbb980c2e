-- hoyo-bench http-book: wrk's requests. Each is POST /api/reservations with
-- one of the logged-in users' session cookies, a fresh Idempotency-Key, and a
-- random benchmark facility and day. Arguments: the cookies file (one
-- "name=value" per line), the days (comma-separated), the facility count,
-- and optionally this wrk's number (several wrk processes at once, as in
-- cluster-book, must not share keys or random sequences).
local cookies, days, facilities = {}, {}, {}
local threads = {}
local counter = 0
local instance = 0
created, no_vacancy, other = 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(args[1]) do table.insert(cookies, line) end
  for d in string.gmatch(args[2], "[^,]+") do table.insert(days, d) end
  for i = 1, tonumber(args[3]) do table.insert(facilities, "bench-" .. i) end
  instance = tonumber(args[4] or "0")
  math.randomseed((instance * 1000 + id) * 7919 + os.time())
end

function request()
  counter = counter + 1
  local body = string.format('{"facilityId":"%s","checkIn":"%s","nights":1,"people":[2]}',
    facilities[math.random(#facilities)], days[math.random(#days)])
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Requested-With"] = "hoyo-bench",
    ["Cookie"] = cookies[math.random(#cookies)],
    ["Idempotency-Key"] = instance .. "-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/reservations", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 409 then
    no_vacancy = no_vacancy + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, n, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    n = n + t:get("no_vacancy")
    o = o + t:get("other")
  end
  io.write(string.format("counter created %d\ncounter no_vacancy %d\ncounter other %d\n", c, n, o))
end
