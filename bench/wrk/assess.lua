-- POST /v1/assess with a rotating set of realistic cases (each connection cycles through them).
-- GRAVIDA_ASSESS_PATH picks the variant: /v1/assess?detail=core (the engine's result,
-- the default here) or /v1/assess (the full result with plan, what to expect and work-up).
package.path = package.path .. ";" .. (os.getenv("GRAVIDA_WRK_DIR") or ".") .. "/?.lua"
require "report"

local bodies = {
  '{"gestational_weeks":28,"maternal_age":31,"pain_severity":4,"present":["pain_lower_back_central","pain_dull_aching","pain_worse_standing_sitting_long","pain_relieved_by_rest"],"absent":["fever","vaginal_bleeding","painful_urination","pain_flank","radiates_leg_below_knee","contractions_regular","reduced_fetal_movements"]}',
  '{"gestational_weeks":30,"temperature_c":38.6,"present":["pain_flank","pain_one_side","chills_rigors","painful_urination"],"absent":["vaginal_bleeding","contractions_regular"]}',
  '{"gestational_weeks":33,"present":["pain_rhythmic_cramping","pelvic_pressure","contractions_regular"],"absent":["fever"]}',
  '{"gestational_weeks":20,"present":["radiates_leg_below_knee","pain_shooting_electric","leg_numbness_tingling"],"absent":["saddle_numbness","leg_weakness"]}',
  '{"gestational_weeks":36,"systolic_bp":165,"diastolic_bp":112,"present":["pain_upper_abdomen","severe_headache","visual_disturbance"]}',
  '{"gestational_weeks":12}',
}
local path = os.getenv("GRAVIDA_ASSESS_PATH") or "/v1/assess?detail=core"
local requests = {}
local i = 0

function init(args)
  for k, b in ipairs(bodies) do
    requests[k] = wrk.format("POST", path, {["Content-Type"] = "application/json"}, b)
  end
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function done(summary, latency, reqs)
  report(summary, latency)
end
