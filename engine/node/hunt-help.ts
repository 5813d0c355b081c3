// The words of `cassino hunt --help`, apart from the command so the command line loads it only when run.
export const HUNT_SUMMARY = 'search for exploits of the rules: results outside plausibility bounds';
export const HUNT_USAGE = 'cassino hunt <scenario> --side allied|german [--budget N] [--seed S] [--params FILE] --out DIR [--json]';
export const HUNT_HELP = `Plays the scenario's opening (the turns scenarios/hunt/bounds.json gives it) N times with the
exploit hunter on one side (every unit towards the nearest enemy objective as deep as the rules
allow, every gun in range for every assault it can make; its choices vary with the seed) and the
historical plan on the other, and flags results outside the scenario's plausibility bounds: an
objective held too early, a unit too deep behind the enemy's opening line after turn 1, a
first-turn assault on a fortified mountain position at too high a power ratio.

Writes to DIR: best.replay.json (the try with the most flags, else the most objectives held) and
hunt.json (the flags of every flagged try, the objectives taken and when, the losses).
Exit 1 when any try raised a flag.

Options:
  --side allied|german  the side the hunter plays
  --budget N            tries (default 8)
  --seed S              first seed (default: the scenario's defaultSeed); try i plays seed S.i
  --out DIR             where to write
  --params FILE         hunt with other model parameters (the file format of cassino calibrate
                        --params), e.g. a rule trial in engine/params/trials/; best.replay.json
                        then records them and replays only with the same file
  --json                print the summary as one JSON object (its "flags" array is empty when none)`;
