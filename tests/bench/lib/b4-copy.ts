// B4's COPY baseline over node-postgres: `COPY … FROM STDIN` as a pg Submittable (the protocol's
// CopyIn: send the data, then CopyDone). pg-copy-streams would do the same; it is not installed.
import type pg from 'pg';

/** The parts of pg's Connection a Submittable uses (not in pg's public types). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `copySql` (a `COPY … FROM STDIN`) with these chunks of COPY text data; resolves to the rows copied. */
export function copyFromStdin(
  client: pg.Client,
  copySql: string,
  chunks: readonly Buffer[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    let copied = 0;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(copySql),
      handleCopyInResponse: (connection: CopyConnection) => {
        for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete: (message: { text: string }) => {
        copied = Number(/^COPY (\d+)$/.exec(message.text)?.[1] ?? NaN);
      },
      handleReadyForQuery: () => resolve(copied),
      handleError: (error: Error) => reject(error),
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handlePortalSuspended: () => undefined,
      handleCopyData: () => undefined,
    };
    // pg hands a Submittable the connection and routes the backend's messages to it.
    void client.query(submittable as unknown as pg.Submittable);
  });
}

/** One COPY text-format line: tab-separated, backslashes doubled (JSON.stringify leaves no raw tab or newline). */
export function copyLine(fields: readonly (string | boolean)[]): string {
  const text = fields.map((f) => (typeof f === 'boolean' ? (f ? 't' : 'f') : f.replaceAll('\\', '\\\\')));
  return `${text.join('\t')}\n`;
}
