/** What the replay server sends for one request: a status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
