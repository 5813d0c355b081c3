// Every module-level cache of the pure core, in one place: the variables that hold it, what it
// keys on, and why a kept entry can never change a result (determinism is a contract: a warm run
// and a cold one give the same hashes). Each module hands over a way to empty its cache
// (onClearCaches), so tests can compare a run after clearCaches() with a warm one.
//
// Adding a cache: add its entry here, then call onClearCaches with its name next to it. The test
// in tests/caches.test.ts scans engine/core for module-level maps, arrays and `let`s and fails on
// one that no entry names. Module-level state that is not a cache says so in a comment above it
// (`Not a cache: ...`).

export interface CacheInfo {
  /** The module under engine/core that holds it. */
  module: string;
  /** Its module-level variables (one cache may need two: a buffer and its generation). */
  variables: readonly string[];
  keysOn: string;
  safe: string;
  /**
   * Set for a cache whose module cannot hand over a clear function yet, saying why leaving it warm
   * cannot change a cold run's result.
   */
  unhooked?: string;
}

const IDENTITY = 'an object the engine produced never changes (every change makes new objects through immer); drafts are never kept';

export const CACHES = {
  'hash.keptText': {
    module: 'hash.ts', variables: ['keptText'], keysOn: 'the identity of a part of a state (or a frozen value)',
    safe: `its canonical text is kept only when the object cannot change: ${IDENTITY}, values from elsewhere only when frozen`,
  },
  'hash.keptDigest': {
    module: 'hash.ts', variables: ['keptDigest'], keysOn: 'the identity of a part of a state (or a frozen value)',
    safe: 'its digest is kept only when the object cannot change, as for keptText',
  },
  'hash.keyOrders': {
    module: 'hash.ts', variables: ['keyOrders'], keysOn: "the JSON text of an object's own key list",
    safe: 'the sorted keys, their labels and digests are a function of the key list alone; at most 4,096 shapes',
  },
  'hash.recentOrders': {
    module: 'hash.ts', variables: ['recentOrders', 'recentBigOrders'], keysOn: 'nothing: the key orders of the last eight objects digested, and of the last eight records of more than 32 keys',
    safe: 'an order is used only after gather() finds the object has exactly its own keys in its order',
  },
  'hash.keptStrings': {
    module: 'hash.ts', variables: ['keptStrings', 'keptStringsHi'], keysOn: 'the string itself (48 characters at most)',
    safe: "a string's digest is a function of the string; at most 65,536 strings",
  },
  'hash.keptRows': {
    module: 'hash.ts', variables: ['keptRows', 'keptRowsHi'], keysOn: 'the string itself (a long string in an array, such as a control row)',
    safe: "a string's digest is a function of the string; at most 4,096 strings",
  },
  'hash.bigRecords': {
    module: 'hash.ts', variables: ['bigRecords'], keysOn: "a big record's key order (the units, missions or losses of a state); within it, a value's position and identity",
    safe: 'a value kept here is one that never changes (a part of a state the engine produced, or a frozen value), so its digest is the one digesting it again gives; the last eight key orders',
  },
  'params.defaults': {
    module: 'params.ts', variables: ['defaults'], keysOn: 'nothing: the shipped parameter files, bundled with the code',
    safe: 'the shipped files never change while the code runs; overrides make new objects (overrideParamsAll)',
  },
  'map.index': {
    module: 'map.ts', variables: ['cache'], keysOn: 'the identity of the map data loaded from its file',
    safe: 'the index is built from the map data alone, and loaded map data is never changed',
  },
  'unit-order.sorted': {
    module: 'unit-order.ts', variables: ['byRecord', 'last'], keysOn: "a units record's identity, and the last key list sorted",
    safe: `${IDENTITY}; the last sort is reused only for an equal key list`,
  },
  'unit-order.keys': {
    module: 'unit-order.ts', variables: ['keysByRecord'], keysOn: "a units record's identity (also the copies copyUnits makes)",
    safe: `${IDENTITY}; a copy from copyUnits has its source's keys, and its callers replace units, never add or remove one`,
  },
  'hex-index.lists': {
    module: 'hex-index.ts', variables: ['hexIndex', 'lastIndexed'], keysOn: "a units record's identity; the index of the record indexed last, to work the next one's out from (a layer over it)",
    safe: `where units stand is read from the record: ${IDENTITY}; an index worked out from the last one holds the lists a fresh one does (tests/caches.test.ts)`,
  },
  'controllers.activeBySide': {
    module: 'controllers.ts', variables: ['activeBySide'], keysOn: "a units record's identity, per side",
    safe: `the active units are read from the record: ${IDENTITY}`,
  },
  'doctrine.ordersByUnit': {
    module: 'doctrine/situation.ts', variables: ['ordersByUnit'], keysOn: "the scenario's identity",
    safe: 'a loaded scenario is never changed (a what-if makes a new one)',
  },
  'doctrine.believedEnemy': {
    module: 'doctrine/beliefs.ts', variables: ['cache'], keysOn: "a state's identity, and the context it was read with",
    safe: `${IDENTITY}; an entry made with another context is not used`,
  },
  'supply.baseSteps': {
    module: 'models/supply.ts', variables: ['baseSupplyCache'], keysOn: "the map's identity, the ground (mud or not) and the river level, checked against the parameter objects",
    safe: 'the steps over the map as built depend on nothing else; an entry built with other parameter objects is rebuilt',
  },
  'supply.tables': {
    module: 'models/supply.ts', variables: ['supplyTableCache'], keysOn: 'map, parameters, ground and river level by identity; the changed hexes by identity or canonical text',
    safe: 'equal canonical text means equal hexes, so the table is the one a fresh build gives; the last six',
  },
  'supply.traces': {
    module: 'models/supply.ts', variables: ['lastTraces'], keysOn: 'per side: the supply table, the supply sources, the control text and the observed text; a repair, the map and the sources',
    safe: 'a trace is a function of exactly these; a kept trace repaired where the network changed gives the costs a search from scratch gives (positive integer steps, tests/supply-search.test.ts); callers get a copy of the costs',
  },
  'observation.viewsheds': {
    module: 'models/observation.ts', variables: ['viewshedCache'], keysOn: "the map's identity",
    safe: "decoded from the map data's observation posts, which never change",
  },
  'observation.unions': {
    module: 'models/observation.ts', variables: ['unionCache'], keysOn: "the map's identity and which posts are held (one character each)",
    safe: 'the union of the viewsheds of the posts held is a function of these; the last 16 sets',
  },
  'movement.baseSteps': {
    module: 'models/step-costs.ts', variables: ['baseCache'], keysOn: "the map's identity, the mode, the ground and the river level, checked against the parameter object",
    safe: 'the step costs over the map as built depend on nothing else; an entry built with another parameter object is rebuilt',
  },
  'movement.baseCosts': {
    module: 'models/step-costs.ts', variables: ['baseCostCache'], keysOn: 'map, parameters, mode, ground and river level by identity; the changed hexes by identity or canonical text',
    safe: 'equal canonical text means equal hexes, so the costs are those a fresh build gives; the last eight',
  },
  'movement.plainCosts': {
    module: 'models/step-costs.ts', variables: ['plainCosts'], keysOn: 'the identity of the base costs',
    safe: 'the night costs are the base costs themselves, wrapped once',
  },
  'movement.dayCosts': {
    module: 'models/step-costs.ts', variables: ['costCache'], keysOn: "the base costs' identity and the text of the hexes the enemy observes",
    safe: 'the day costs are a function of exactly these; the last sixteen',
  },
  'movement.keepOutCosts': {
    module: 'models/step-costs.ts', variables: ['keepOutCache'], keysOn: "the costs' identity, the keep-out list's identity and the side",
    safe: 'the keep-out list in a state the engine produced never changes; the last eight',
  },
  'movement.keyPositions': {
    module: 'models/occupancy.ts', variables: ['positionsByKeys'], keysOn: "a units record's key list by identity (unit-order.ts hands the same list on to the copies of a record)",
    safe: "each key's position in the list, a function of the list, which is never changed",
  },
  'movement.occupancy': {
    module: 'models/occupancy.ts', variables: ['occCache'], keysOn: "a units record's identity",
    safe: `who stands where is read from the record: ${IDENTITY}`,
  },
  'movement.searchScratch': {
    module: 'models/pathfinding.ts', variables: ['scratchBySize'], keysOn: 'the map size',
    safe: 'scratch buffers: a generation stamp marks the entries of the current search, and a Reach used after another search throws',
  },
  'movement.minStep': {
    module: 'models/pathfinding.ts', variables: ['minStepCache'], keysOn: "a cost table's identity",
    safe: 'cost tables are never written after they are built',
  },
  'movement.goalFields': {
    module: 'models/goal-field.ts', variables: ['fieldCache'], keysOn: 'the identity of the costs (map, parameters, mode, side, weather, changed hexes, observation) and the goal',
    safe: 'a later search only settles more of the field, never changes a value already exact (tests/caches.test.ts); the last 32 goals per costs',
  },
  'movement.maxStep': {
    module: 'models/goal-field.ts', variables: ['maxStepCache'], keysOn: "a cost table's identity",
    safe: 'cost tables are never written after they are built',
  },
  'movement.goalReach': {
    module: 'models/goal-field.ts', variables: ['reachCache'], keysOn: "the ground's plain cost table's identity and the goal",
    safe: 'which hexes can reach a goal depends only on which steps are passable, the same on every table of one ground',
  },
  'movement.wantScratch': {
    module: 'models/goal-field.ts', variables: ['wantScratch', 'wantGen'], keysOn: 'the map size',
    safe: 'a scratch buffer: a generation stamp marks the entries of the current search',
  },
  'movement.stepsInto': {
    module: 'models/goal-field.ts', variables: ['intoCache'], keysOn: "a cost table's identity",
    safe: 'cost tables are never written after they are built',
  },
  'fireSupport.firedByDraft': {
    module: 'actions/fire-support.ts', variables: ['firedByDraft'], keysOn: "a draft's identity",
    safe: 'the guns fired at a hex this turn, brought up to date with the log before each read; an entry is keyed on a draft, which no later call can present again',
  },
  'scenario.divisions': {
    module: 'scenario.ts', variables: ['divisions'], keysOn: "the scenario's identity and the unit",
    safe: 'a loaded scenario is never changed',
  },
} as const satisfies Record<string, CacheInfo>;

export type CacheName = keyof typeof CACHES;

// Not a cache: the clear functions the modules handed over.
const clearers = new Map<CacheName, () => void>();

/** Called by the module that holds cache `name`, with the function that empties it. */
export function onClearCaches(name: CacheName, clear: () => void): void {
  if (!(name in CACHES)) throw new Error(`cache "${name}" is not described in engine/core/caches.ts`);
  clearers.set(name, clear);
}

/** Empties every cache whose module has been loaded, for tests that compare a cold run with a warm one. */
export function clearCaches(): void {
  for (const clear of clearers.values()) clear();
}

/** The caches whose modules have handed over their clear functions. */
export function hookedCaches(): CacheName[] {
  return [...clearers.keys()];
}
