/// <reference types="vite/client" />

declare module 'virtual:scenario-index' {
  const heads: Array<{ file: string; id: string; name: string; map: string; window?: { start: string; end: string } }>;
  export default heads;
}
