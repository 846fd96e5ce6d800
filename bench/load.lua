-- wrk script for bench/run.sh. MODE picks the request; every request that changes data uses
-- listings of its own (counting up from START), so no request is refused as a duplicate.
-- RATE > 0 sends the requests on a fixed schedule (see below).
local mode = os.getenv("MODE")
local start = tonumber(os.getenv("START") or "0")
local brand = os.getenv("BRAND") or "0"
local right = os.getenv("RIGHT") or "0"
local next_listing = start

wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
wrk.headers["Accept"] = "application/json"

local token = os.getenv("TOKEN") or ""
local keyed = os.getenv("IDEMPOTENCY") == "1"

local draft = [[{"draft":{"brand_id":%s,"ip_right_id":%s,"reason":"counterfeit","lines":"%s","notes":[],"explanation":"Counterfeit goods with our mark.","test_buy_order":"","evidence_file_ids":[],"declared":true,"signature":"%s","resubmits_item_id":null,"accept_partial":false}}]]

local function json_post(path, body)
  wrk.headers["Content-Type"] = "application/json"
  return wrk.format("POST", path, nil, body)
end

-- The Brand API's body for the same takedown (one listing), sent with the token.
local api_draft = [[{"ip_right_id":%s,"reason":"counterfeit","explanation":"Counterfeit goods with our mark.","lines":[{"listing":"%s"}],"declaration":{"accepted":true,"signature":"Hana Helios"}}]]

request = function()
  if mode == "api_takedown" then
    next_listing = next_listing + 1
    wrk.headers["Cookie"] = nil
    wrk.headers["Authorization"] = "Bearer " .. token
    if keyed then wrk.headers["Idempotency-Key"] = "bench-" .. next_listing end
    return json_post("/api/v1/takedowns", string.format(api_draft, right, tostring(next_listing)))
  elseif mode == "takedown" then
    next_listing = next_listing + 1
    return json_post("/api/reports/instant_takedown",
      string.format(draft, brand, right, tostring(next_listing), "Hana Helios"))
  elseif mode == "ceiling" then
    next_listing = next_listing + 1
    return wrk.format("POST", "/takedown/" .. next_listing)
  elseif mode == "report" then
    local lines = {}
    for k = 1, 300 do lines[k] = tostring(next_listing + k) end
    next_listing = next_listing + 300
    return json_post("/api/reports/submit_report",
      string.format(draft, brand, right, table.concat(lines, "\\n"), "Noor Northwind"))
  elseif mode == "queue" then
    return json_post("/api/review/review_queue",
      [[{"filter":{"brand_id":0,"reason":"","tier":"","page":0}}]])
  elseif mode == "login" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    wrk.headers["Cookie"] = nil
    return wrk.format("POST", "/api/auth/login", nil,
      "email=staff%40helios.test&password=goodfaith-demo")
  else
    return wrk.format("GET", os.getenv("PATH_TO_GET"))
  end
end

-- A takedown or report that was refused (a 200 listing the line problems instead) counts
-- as failed too, so a run cannot look fast by doing nothing (the API answers those 422,
-- which wrk counts itself).
-- THROTTLED=1 (the soak's sign-ins) counts 429 answers apart: the throttle doing its job
-- is not a failure there.
threads = {}
setup = function(thread) table.insert(threads, thread) end
refused = 0
throttled = 0
local count_throttled = os.getenv("THROTTLED") == "1"
response = function(status, headers, body)
  if (mode == "takedown" or mode == "report") and status == 200
      and not string.find(body, "Submitted", 1, true) then
    refused = refused + 1
  end
  if count_throttled and status == 429 then
    throttled = throttled + 1
  end
end

-- RATE > 0 sends requests on a fixed schedule: one every 1000 / RATE ms, shared by
-- the thread's connections, whatever the answers' latency (as long as a connection is free).
-- A late request goes out at once, so the offered rate holds after a slow answer too.
local rate = tonumber(os.getenv("RATE") or "0")
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *now);
  ]]
  local now = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local interval = 1000 / rate
  local next_slot = nil
  delay = function()
    local t = now_ms()
    next_slot = (next_slot or t) + interval
    -- wrk waits whole milliseconds; the schedule itself keeps fractions, so the rate holds.
    return math.max(0, math.floor(next_slot - t + 0.5))
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local held = 0
  for _, thread in ipairs(threads) do
    e.status = e.status + (thread:get("refused") or 0)
    held = held + (thread:get("throttled") or 0)
  end
  -- wrk counts every status over 399 as an error; the throttled ones are reported apart.
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f failed=%d requests=%d throttled=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status - held + e.connect + e.read + e.write + e.timeout, summary.requests, held))
end
