-- wrk script for bench/soak.sh: each connection rotates through a mix of OGC API items and search, planning
-- analyses and indicator writes. Counts answers by status, and writes every acknowledged indicator value (201 body:
-- sequence, indicator, value, note) to acks-<thread>.tsv so the script can look each one up in PostGIS afterwards.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local json = { ["Content-Type"] = "application/json" }
-- Writes are signed in as the editor bench/soak.sh made for the run.
local editor = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("SOAK_TOKEN") or "") }
local puli = '{"type":"Polygon","coordinates":[[[108.25,31.04],[108.37,31.04],[108.37,31.15],[108.25,31.15],[108.25,31.04]]]}'
local mix

-- Built in init: wrk.format takes the Host header from wrk.headers, which wrk fills in only after loading the script.
local function requests()
  return {
    wrk.format("GET", "/ogcapi/collections/projects/items?limit=100"),
    wrk.format("GET", "/ogcapi/collections/projects/items?bbox=108.36,31.14,108.46,31.21"),
    wrk.format("GET", "/ogcapi/collections/projects/items?filter=investment_wan%20%3E%3D%2020000&sortby=-investment_wan"),
    wrk.format("GET", "/ogcapi/collections/townships/items?limit=50"),
    wrk.format("POST", "/ogcapi/collections/projects/search", json,
      '{"filter":{"op":"s_intersects","args":[{"property":"geometry"},' .. puli .. ']},"sortby":"-investment_wan"}'),
    wrk.format("POST", "/api/analysis/projects-in-area", json, '{"zoneId":2}'),
    wrk.format("POST", "/api/analysis/overlay", json, '{"collection":"zones","ids":[13],"layers":[{"layer":"constraints"},{"layer":"parcels"}]}'),
    wrk.format("GET", "/api/analysis/compliance/projects/5"),
    wrk.format("POST", "/api/analysis/compliance", json,
      '{"geometry":{"type":"Polygon","coordinates":[[[108.300,31.060],[108.315,31.060],[108.315,31.070],[108.300,31.070],[108.300,31.060]]]}}'),
    "write",
  }
end

function init(args)
  mix = requests()
  statuses = {}
  acks = io.open(string.format("%s/acks-%d.tsv", os.getenv("SOAK_OUT"), id), "w")
end

function request()
  counter = counter + 1
  local r = mix[(counter % #mix) + 1]
  if r ~= "write" then
    return r
  end
  -- A value and note unique to this thread and request, so each acknowledgement names exactly one row.
  local body = string.format('{"value":%d.25,"asOf":"2026-06-30","note":"soak %d-%d"}', counter, id, counter)
  return wrk.format("PUT", "/api/indicators/9/actuals", editor, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local seq = body:match('"sequence":(%d+)')
    local value = body:match('"value":([%d%.]+)')
    local note = body:match('"note":"(soak [%d%-]+)"')
    acks:write(string.format("%s\t9\t%s\t%s\n", seq, value, note))
    acks:flush()
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "statuses:"
  for status, n in pairs(total) do
    line = line .. string.format(" %d=%d", status, n)
  end
  print(line)
  print(string.format("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms; socket errors: connect %d, read %d, write %d, timeout %d",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
