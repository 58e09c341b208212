/**
 * A streaming multipart/form-data parser (RFC 7578), push-based: feed it
 * chunks as they arrive and it reports fields and file bytes without ever
 * holding a whole file in memory. Small enough to own rather than add a
 * dependency for one endpoint.
 */

export class MultipartError extends Error {}

export interface PartInfo {
  name: string;
  filename: string | null;
  contentType: string | null;
}

export interface MultipartEvents {
  /** A part is starting. Return 'stream' to get its bytes via data(), or 'field' to get it whole via field(). */
  partStart(part: PartInfo): 'stream' | 'field';
  data(chunk: Buffer): void;
  partEnd(): void;
  field(name: string, value: string): void;
}

export interface MultipartParser {
  write(chunk: Buffer): void;
  /** Throws if the body ended before the closing boundary. */
  end(): void;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryFrom(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary && boundary.length <= 70 ? boundary : null;
}

export function createMultipartParser(
  boundary: string,
  events: MultipartEvents,
  limits: { maxFieldBytes: number },
): MultipartParser {
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let state: 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done' = 'preamble';
  let buffer: Buffer = Buffer.alloc(0);
  let mode: 'stream' | 'field' = 'field';
  let part: PartInfo | null = null;
  let fieldChunks: Buffer[] = [];
  let fieldSize = 0;

  const emit = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    if (mode === 'stream') {
      events.data(chunk);
      return;
    }
    fieldSize += chunk.length;
    if (fieldSize > limits.maxFieldBytes)
      throw new MultipartError(`field ${part?.name ?? ''} is larger than ${limits.maxFieldBytes} bytes`);
    fieldChunks.push(chunk);
  };

  const finishPart = () => {
    if (mode === 'stream') events.partEnd();
    else if (part) events.field(part.name, Buffer.concat(fieldChunks).toString('utf8'));
    part = null;
    fieldChunks = [];
    fieldSize = 0;
  };

  const step = (): boolean => {
    switch (state) {
      case 'preamble': {
        const at = buffer.indexOf(dashBoundary);
        if (at < 0) {
          // Keep a tail that could be the start of the boundary.
          if (buffer.length > dashBoundary.length) buffer = buffer.subarray(buffer.length - dashBoundary.length);
          return false;
        }
        buffer = buffer.subarray(at + dashBoundary.length);
        state = 'after-boundary';
        return true;
      }
      case 'after-boundary': {
        if (buffer.length < 2) return false;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'done';
          buffer = Buffer.alloc(0);
          return false;
        }
        // Transport padding (spaces/tabs) may follow a boundary before its CRLF.
        const eol = buffer.indexOf(CRLF);
        if (eol < 0) {
          if (buffer.length > 256) throw new MultipartError('malformed boundary line');
          return false;
        }
        if (buffer.subarray(0, eol).toString('latin1').trim() !== '')
          throw new MultipartError('malformed boundary line');
        buffer = buffer.subarray(eol + 2);
        state = 'headers';
        return true;
      }
      case 'headers': {
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError('part headers too large');
          return false;
        }
        part = parsePartHeaders(buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(end + HEADER_END.length);
        mode = events.partStart(part);
        state = 'body';
        return true;
      }
      case 'body': {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Everything but a tail that might be the start of the delimiter is part data.
          const safe = buffer.length - (delimiter.length - 1);
          if (safe > 0) {
            emit(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
          }
          return false;
        }
        emit(buffer.subarray(0, at));
        buffer = buffer.subarray(at + delimiter.length);
        finishPart();
        state = 'after-boundary';
        return true;
      }
      case 'done':
        buffer = Buffer.alloc(0);
        return false;
    }
  };

  return {
    write(chunk) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      while (step()) {
        /* keep stepping while progress is made */
      }
    },
    end() {
      if (state !== 'done') throw new MultipartError('multipart body ended before its closing boundary');
    },
  };
}

function parsePartHeaders(block: string): PartInfo {
  let disposition: string | undefined;
  let contentType: string | null = null;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\b/i.test(disposition))
    throw new MultipartError('part without Content-Disposition: form-data');
  const name = dispositionParam(disposition, 'name');
  if (name === null) throw new MultipartError('part without a name');
  return { name, filename: dispositionParam(disposition, 'filename'), contentType };
}

function dispositionParam(disposition: string, param: string): string | null {
  const match = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(disposition);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? null);
}
