-- Mixed API load for bench/replicas.sh: four reads to one write, round robin
-- over the designs listed in the file given after `--` (lines "id key"),
-- each write based on the revision this script last wrote, so writes collide
-- only if one fails. The second argument is the design JSON to write.
local designs = {}
local body = ""
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    local id, key = line:match("^(%S+) (%S+)$")
    if id then
      designs[#designs + 1] = { id = id, key = key, revision = 1 }
    end
  end
  local file = assert(io.open(args[2]))
  body = file:read("*a")
  file:close()
end

function request()
  n = n + 1
  local design = designs[(n % #designs) + 1]
  local path = "/api/designs/" .. design.id
  local headers = { ["authorization"] = "Bearer " .. design.key }
  if n % 5 == 0 then
    headers["content-type"] = "application/json"
    headers["if-match"] = '"' .. design.revision .. '"'
    design.revision = design.revision + 1
    return wrk.format("PUT", path, headers, body)
  end
  return wrk.format("GET", path, headers)
end
