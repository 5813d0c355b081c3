// The theatre of a CDB90 row, for scoring by theatre and leave-one-theatre-out cross-validation.
// Decided by the row's campaign: CDB90's war label cannot be trusted for it (the tidy edition
// files East Prussia, Berlin, the 1945 winter offensive and Manchuria under "WORLD WAR II
// (OKINAWA)", and fourteen rows of France 1940, Malaya, Tunisia, the Siegfried Line and Romania
// under a bare "WORLD WAR II"). A campaign not in the table falls back on the war label.

export const THEATRES = ['italy', 'western-europe', 'eastern-front', 'north-africa', 'pacific', 'unknown'] as const;
export type Theatre = (typeof THEATRES)[number];

export const THEATRE_NAMES: Record<Theatre, string> = {
  italy: 'Italy',
  'western-europe': 'Western Europe',
  'eastern-front': 'Eastern Front',
  'north-africa': 'North Africa',
  pacific: 'Pacific and Asia',
  unknown: 'theatre unknown',
};

/** The theatres counted as "other European" in the report (Europe outside Italy). */
export const OTHER_EUROPEAN: readonly Theatre[] = ['western-europe', 'eastern-front'];

const CAMPAIGNS: Record<Theatre, readonly string[]> = {
  italy: ['VOLTURNO', 'CASSINO', 'SICILY', 'SALERNO', 'ANZIO'],
  'western-europe': [
    'FRANCE 1940', 'ARDENNES 1940', 'CAMBRAI', 'ARRAS', 'BOOS', 'NORMANDY', 'NORMANDY BREAKOUT', 'LE MANS TO METZ',
    'NORTHWEST EUROPE 1944', 'AACHEN', 'SAAR (LORRAINE)', 'SIEGFRIED LINE', 'ARDENNES',
  ],
  'eastern-front': [
    'BARBAROSSA', 'TYPHOON', 'MOSCOW COUNTEROFFENSIVE', 'THE RZEHW OPERATION', 'LENINGRAD', 'KURSK (CITADEL)',
    'KURSK COUNTEROFFENSIVE', 'RACE TO THE DNIEPER', 'UKRANIAN CAMPAIGN', 'DNIEPER BRIDGEHEAD', 'CRIMEA 1944',
    'BYELORUSSIAN OFFENSIVE', 'LIBERATION OF E POLAND', 'THE LVOV-SANDOMIERZ OPERATION', 'POLAND 1944', 'ROMANIA 1944',
    'TARGUL FRUMOS', 'LIBERATION OF W POLAND', 'EAST PRUSSIA 1945', 'RUSSIAN WINTER OFFENSIVE 1945', 'BERLIN 1945',
  ],
  'north-africa': ['NORTH AFRICA 1942', 'TUNISIA 1942', 'TUNISIA 1943', 'NORTHWEST AFRICA'],
  pacific: ['MALAYA 1941', 'MANCHURIA 1945', 'CENTRAL PACIFIC', 'BONIN ISLANDS', 'OKINAWA (US 7TH INF DIV SECTOR)', 'OKINAWA (US 96TH INF DIV SECTOR)'],
  unknown: [],
};

// Not a cache: a constant table, built once from the list above.
const BY_CAMPAIGN = new Map<string, Theatre>(
  (Object.entries(CAMPAIGNS) as Array<[Theatre, readonly string[]]>).flatMap(([t, cs]) => cs.map((c) => [c, t] as [string, Theatre])),
);

const WAR_LABELS: Array<[RegExp, Theatre]> = [
  [/ITAL/, 'italy'],
  [/EASTERN FRONT/, 'eastern-front'],
  [/NORTH AFRICA/, 'north-africa'],
  [/EUROPE/, 'western-europe'],
  [/OKINAWA|PACIFIC|BURMA|CHINA/, 'pacific'],
];

export function theatreOf(campaign: string, war: string): Theatre {
  const byCampaign = BY_CAMPAIGN.get(campaign.toUpperCase());
  if (byCampaign) return byCampaign;
  const w = war.toUpperCase();
  return WAR_LABELS.find(([re]) => re.test(w))?.[1] ?? 'unknown';
}
