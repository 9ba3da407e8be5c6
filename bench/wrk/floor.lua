-- POST one realistic assessment body to GRAVIDA_FLOOR_PATH (bench/http_cost.py's bench-only
-- endpoints, which read the body and answer a fixed reply without assessing anything).
package.path = package.path .. ";" .. (os.getenv("GRAVIDA_WRK_DIR") or ".") .. "/?.lua"
require "report"

local body = '{"gestational_weeks":28,"maternal_age":31,"pain_severity":4,"present":["pain_lower_back_central","pain_dull_aching","pain_worse_standing_sitting_long","pain_relieved_by_rest"],"absent":["fever","vaginal_bleeding","painful_urination","pain_flank","radiates_leg_below_knee","contractions_regular","reduced_fetal_movements"]}'
local request_bytes

function init(args)
  request_bytes = wrk.format("POST", os.getenv("GRAVIDA_FLOOR_PATH"),
                             {["Content-Type"] = "application/json"}, body)
end

function request()
  return request_bytes
end

function done(summary, latency, reqs)
  report(summary, latency)
end
