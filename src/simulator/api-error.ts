/** A failure the API reports with its documented error envelope and this HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (e.g. WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
