/** What a command touches outside itself, so tests can run commands in memory. */
export interface CommandIo {
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}
