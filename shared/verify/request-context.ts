/** One parsed view of an inbound request, shared by the checks and the presets (parsing happens once, lazily). */
import type { GenericScheme } from '../config';
import { schemeSchema } from '../config';
import type { CryptoPort } from './ports';
import type { ChainSource, InboundRequest } from './types';
import { decodeUtf8Strict } from './support/bytes';
import { type Params, paramValue, parseParams, parseQueryLenient, splitTarget } from './support/form';
import { headerValue, headerValues, mediaType } from './support/headers';
import { joinUrl } from './support/urls';

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: string };
export type FormRead = { ok: true; params: Params } | { ok: false; reason: string };

export interface RequestContext {
  readonly req: InboundRequest;
  readonly source: ChainSource;
  readonly crypto: CryptoPort;
  /** false: evidence text and diagnosis are not built (ChainOptions.explain) */
  readonly explain: boolean;
  /** generic-hmac scheme with defaults applied; null for the other presets */
  readonly scheme: GenericScheme | null;
  readonly path: string;
  readonly query: Params;
  /** the URL the provider called: publicBaseUrl + target via the tunnel, else localBaseUrl + target */
  readonly url: string;
  /** lower-cased media type, '' when absent */
  readonly mediaType: string;
  header(name: string): string | null;
  headerAll(name: string): string[];
  queryParam(name: string): string | null;
  /** the body as strict UTF-8 (null when invalid) */
  text(): string | null;
  json(): JsonRead;
  form(): FormRead;
}

/** a class (prototype methods, lazy fields): creating it is cheap on the hot path */
class LazyRequestContext implements RequestContext {
  private contentType: string | undefined;
  private readonly rawQuery: string;
  private queryParams: Params | undefined;
  private fullUrl: string | undefined;
  private bodyText: string | null | undefined;
  private bodyJson: JsonRead | undefined;
  private bodyForm: FormRead | undefined;

  constructor(
    readonly req: InboundRequest,
    readonly source: ChainSource,
    readonly crypto: CryptoPort,
    readonly explain: boolean,
    readonly scheme: GenericScheme | null,
    readonly path: string,
    rawQuery: string,
  ) {
    this.rawQuery = rawQuery;
  }

  get mediaType(): string {
    if (this.contentType === undefined) this.contentType = mediaType(headerValue(this.req.rawHeaders, 'content-type'));
    return this.contentType;
  }

  get query(): Params {
    if (!this.queryParams) this.queryParams = parseQueryLenient(this.rawQuery);
    return this.queryParams;
  }

  get url(): string {
    if (this.fullUrl === undefined) {
      const req = this.req;
      this.fullUrl = joinUrl(req.viaTunnel && req.publicBaseUrl ? req.publicBaseUrl : req.localBaseUrl, req.target);
    }
    return this.fullUrl;
  }

  header(name: string): string | null {
    return headerValue(this.req.rawHeaders, name);
  }

  headerAll(name: string): string[] {
    return headerValues(this.req.rawHeaders, name);
  }

  queryParam(name: string): string | null {
    return this.rawQuery === '' ? null : paramValue(this.query, name);
  }

  text(): string | null {
    if (this.bodyText === undefined) this.bodyText = decodeUtf8Strict(this.req.body);
    return this.bodyText;
  }

  json(): JsonRead {
    if (this.bodyJson) return this.bodyJson;
    const t = this.text();
    if (t === null) this.bodyJson = { ok: false, reason: 'the body is not valid UTF-8' };
    else if (t.trim() === '') this.bodyJson = { ok: false, reason: 'the body is empty' };
    else {
      try {
        this.bodyJson = { ok: true, value: JSON.parse(t) as unknown };
      } catch (e) {
        // the engine's message quotes the body; keep only the position (the body may hold personal data)
        const at = e instanceof Error ? /position (\d+)/.exec(e.message) : null;
        this.bodyJson = { ok: false, reason: `the body is not valid JSON${at ? ` (error at character ${at[1]})` : ''}` };
      }
    }
    return this.bodyJson;
  }

  form(): FormRead {
    if (this.bodyForm) return this.bodyForm;
    const t = this.text();
    if (t === null) this.bodyForm = { ok: false, reason: 'the body is not valid UTF-8' };
    else {
      const parsed = parseParams(t);
      this.bodyForm = parsed.ok ? { ok: true, params: parsed.params } : { ok: false, reason: parsed.reason };
    }
    return this.bodyForm;
  }
}

export function createRequestContext(req: InboundRequest, source: ChainSource, crypto: CryptoPort, explain = true): RequestContext {
  const { path, query } = splitTarget(req.target);
  // misuse (a scheme that bypassed config validation) throws here, like an unknown preset
  const scheme = source.config.provider === 'generic-hmac' ? schemeSchema.parse(source.config.scheme ?? {}) : null;
  return new LazyRequestContext(req, source, crypto, explain, scheme, path, query);
}
