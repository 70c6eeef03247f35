/**
 * A dependency-free progress bar for command-line tools. On a terminal it redraws one line
 * in place; in a log file or CI output, where "\r" would pile up, it prints a line at each
 * tenth of the way instead.
 */
const BAR_WIDTH = 30;

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Ends the bar's line so that later output starts on a fresh one. */
  finish(): void;
}

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  return stream.isTTY ? new RedrawingBar(label, stream) : new TenthsBar(label, stream);
}

function percentOf(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

class RedrawingBar implements ProgressBar {
  private lastDrawn = "";
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  update(done: number, total: number): void {
    const percent = percentOf(done, total);
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    const line = `${this.label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${percent}% ${done}/${total}`;
    // Redrawing only on change keeps a million tiny updates from flooding the terminal.
    if (line === this.lastDrawn) return;
    this.stream.write(`\r${line}`);
    this.lastDrawn = line;
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write("\n");
    this.drawn = false;
  }
}

class TenthsBar implements ProgressBar {
  private lastTenth = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  update(done: number, total: number): void {
    const tenth = Math.floor(percentOf(done, total) / 10);
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.label} ${tenth * 10}% ${done}/${total}\n`);
  }

  finish(): void {}
}
