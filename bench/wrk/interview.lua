-- Whole interviews: start, answer every question until finished, start again.
-- Run with as many connections as threads (-t N -c N): the flow state is per thread.
-- Answers: no to yes/no questions, don't know to numbers and groups, the first option
-- to a "which of these" follow-up.
package.path = package.path .. ";" .. (os.getenv("GRAVIDA_WRK_DIR") or ".") .. "/?.lua"
require "report"

local headers = {["Content-Type"] = "application/json"}
local starts = {
  '{"gestational_weeks":30,"present":["pain_lower_back_central"]}',
  '{"gestational_weeks":24,"present":["pain_flank","pain_one_side"]}',
  '{"gestational_weeks":34}',
}
local id, version, qid, qkind, option
local n = 0
flows = 0

function request()
  if id == nil then
    n = n % #starts + 1
    return wrk.format("POST", "/v1/interviews", headers, starts[n])
  end
  local answer = "false"
  if qkind == "number" or qkind == "group" then
    answer = "null"
  elseif qkind == "choose" then
    answer = '["' .. option .. '"]'
  end
  return wrk.format("POST", "/v1/interviews/" .. id .. "/answers", headers,
    '{"question":"' .. qid .. '","answer":' .. answer .. ',"version":' .. version .. '}')
end

function response(status, hdrs, body)
  if status ~= 200 and status ~= 201 then
    id = nil  -- counted by wrk as a status error; begin a new interview
    return
  end
  if body:match('^{"id":"[^"]+","version":%d+,"finished":true') then
    flows = flows + 1
    id = nil
    return
  end
  id = body:match('^{"id":"([^"]+)"')
  version = body:match('"version":(%d+)')
  local q = body:match('"question":(%b{})')
  if q == nil then
    id = nil
    return
  end
  qid = q:match('"id":"([^"]+)"')
  qkind = q:match('"kind":"([^"]+)"')
  option = q:match('"finding":"([^"]+)"')
end

function done(summary, latency, reqs)
  report(summary, latency)
end
