// A vite plugin: <link rel="modulepreload"> in index.html for the chunk pixi.js imports lazily
// while it starts its renderer (environment-browser/browserAll: the DOM, events and rendering
// set-up) and the chunks it imports in turn. Without it
// they are requested only once the main chunk has run and pixi asks for them, a round trip on
// the way to the first map; preloaded, they arrive while the main chunk is being compiled.
import type { Plugin } from 'vite';

const RENDERER_START = /\/pixi\.js\/lib\/environment-browser\/browserAll\.mjs$/;

export function preloadRendererPlugin(): Plugin {
  return {
    name: 'cassino-preload-renderer',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const start = chunks.find((c) => c.isDynamicEntry && c.facadeModuleId && RENDERER_START.test(c.facadeModuleId));
        if (!start) {
          this.warn('pixi.js\'s lazily loaded renderer set-up (environment-browser/browserAll) is not a chunk of its own: nothing preloaded, the first map may show a little later');
          return html;
        }
        // The chunk and what it imports, less the chunks index.html loads already (the entry and its imports).
        const entry = chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]);
        const files = [start.fileName, ...start.imports].filter((f) => !entry.includes(f));
        return { html, tags: files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${f}` }, injectTo: 'head' as const })) };
      },
    },
  };
}
