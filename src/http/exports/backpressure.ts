import type { Writable } from "node:stream";

/** The client went away (closed the connection) before the file was complete: stop reading rows. */
export class ClientGoneError extends Error {
  constructor() {
    super("the client closed the connection before the export was complete");
    this.name = "ClientGoneError";
  }
}

/** Whether nothing more can be written to `stream` (the client left, or it failed). */
export function isGone(stream: Writable): boolean {
  return stream.destroyed || stream.writableEnded || (stream as { closed?: boolean }).closed === true;
}

/**
 * Waits until `stream` has emptied its buffer ('drain'), or rejects with ClientGoneError as
 * soon as it closes or fails. Writers call it whenever write() returned false, so at most one
 * chunk (about 64 KB) waits in memory per response, however slow the client reads.
 */
export function drained(stream: Writable): Promise<void> {
  if (isGone(stream)) return Promise.reject(new ClientGoneError());
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off("drain", onDrain);
      stream.off("close", onGone);
      stream.off("error", onGone);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onGone = () => {
      cleanup();
      reject(new ClientGoneError());
    };
    stream.on("drain", onDrain);
    stream.on("close", onGone);
    stream.on("error", onGone);
  });
}

/** Writes and, when the buffer is full, waits for it to drain. */
export async function writeWithBackpressure(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (isGone(stream)) throw new ClientGoneError();
  if (!stream.write(chunk)) await drained(stream);
}
