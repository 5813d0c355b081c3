// Progress of a batch on stderr: on a terminal a bar redrawn in place (runs done, runs per second,
// time left); otherwise (CI, pipes, files) a line every 10 % of the runs or every 10 seconds.

export interface ProgressOptions {
  /** Runs to do in this session (excluding those already on disk). */
  total: number;
  /** Runs already done before this session (resume). */
  before: number;
  /** Runs in the whole batch. */
  all: number;
  tty: boolean;
  /** What the lines say is running (default "batch"). */
  label?: string;
  /** Where lines go (no newline appended for the bar). */
  write: (text: string) => void;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(r).padStart(2, '0')}s` : `${r}s`;
}

export class Progress {
  private readonly start: number;
  private lastDraw = -Infinity;
  private lastLine: number;
  /** The next tenth of the runs that prints a line (1 = 10 %). */
  private nextTenth = 1;
  private drawn = false;
  private readonly now: () => number;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
    this.lastLine = this.start;
  }

  /** Recent (time, runs done) samples: the rate is taken over the last 30 s, from the first run on. */
  private samples: Array<[number, number]> = [];

  private sample(t: number, done: number): void {
    this.samples.push([t, done]);
    while (this.samples.length > 2 && t - this.samples[1][0] >= 30_000) this.samples.shift();
  }

  private rate(t: number, done: number): number {
    const [t0, d0] = this.samples.length > 1 ? this.samples[0] : [this.start, 0];
    return t > t0 ? ((done - d0) * 1000) / (t - t0) : 0;
  }

  private text(done: number, failed: number): { bar: string; line: string } {
    const rate = this.rate(this.now(), done);
    const left = rate > 0 ? (this.o.total - done) / rate : NaN;
    const all = this.o.before + done;
    const share = this.o.all ? all / this.o.all : 1;
    const width = 28;
    const fill = Math.round(share * width);
    const fails = failed ? `, ${failed} failed` : '';
    const stats = `${rate.toFixed(1)} runs/s, ${formatDuration(left)} left`;
    return {
      bar: `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${all}/${this.o.all} runs (${Math.floor(share * 100)} %)${fails}  ${stats}`,
      line: `${this.o.label ?? 'batch'}: ${all} of ${this.o.all} runs done (${Math.floor(share * 100)} %)${fails}, ${stats}`,
    };
  }

  update(done: number, failed: number): void {
    const t = this.now();
    this.sample(t, done);
    if (this.o.tty) {
      if (t - this.lastDraw < 100 && done < this.o.total) return;
      this.lastDraw = t;
      this.drawn = true;
      this.o.write(`\r\x1b[2K${this.text(done, failed).bar}`);
      return;
    }
    // Every 10 % of the runs (at most one line a second), and every 10 seconds.
    const tenths = this.o.total ? Math.floor((done * 10) / this.o.total) : 10;
    if ((tenths >= this.nextTenth && t - this.lastLine >= 1000) || t - this.lastLine >= 10_000) {
      this.nextTenth = tenths + 1;
      this.lastLine = t;
      if (done < this.o.total) this.o.write(this.text(done, failed).line + '\n');
    }
  }

  /** Ends the bar's line (terminal) so the next output starts on a fresh line. */
  finish(): void {
    if (this.o.tty && this.drawn) this.o.write('\n');
  }
}
