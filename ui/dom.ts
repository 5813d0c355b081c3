// The page's fixed elements and the messages the app shows in them (toast, banner, hint).
/** Text made safe to put in HTML. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, error = false): void {
  const t = $('toast');
  t.textContent = text;
  t.className = `show${error ? ' error' : ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.className = ''; }, error ? 5000 : 2500);
}

export function banner(text: string | null): void {
  const b = $('banner');
  b.hidden = !text;
  b.textContent = text ?? '';
}

export function hint(text: string): void { $('hint').textContent = text; }

/** The seed typed in the top bar, or the scenario's default. */
export function seedInput(fallback: string): string {
  return $<HTMLInputElement>('seed').value.trim() || fallback;
}

export function toggleHelp(): void { $('help').hidden = !$('help').hidden; }
