import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIInteraction,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { type Answer, answerWithin, asksPrivately, type InteractionInput } from '../interactions/answer.js';
import { localeFromDiscord, t } from '../i18n.js';
import { DEFER_AFTER_MS, DISCORD } from '../limits.js';
import type { RecordHost } from '../live/host.js';
import type { MessagePayload } from '../render/fit.js';
import type { Actor } from '../living/permissions.js';
import { verifySignature } from './verify.js';

/** Discord's interaction payloads are a few kilobytes; anything near this is not from Discord. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface EndpointOptions {
  publicKey: KeyObject;
  /** Where answers come from: the record in this process or in one of its own (src/live/host.ts). */
  record: RecordHost;
  logger: Logger;
  /** REST base for follow-ups after a deferral (default Discord's). Interaction webhooks need no bot token. */
  apiUrl?: string;
  answer?: (input: InteractionInput, record: RecordHost) => Answer | Promise<Answer>;
}

type Json = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, 'body too large'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Raw interaction JSON → the door-neutral input, exactly as the gateway door builds it from discord.js. */
export function inputFromJson(body: APIInteraction): InteractionInput | null {
  const user = body.member?.user ?? body.user;
  const locale = 'locale' in body ? body.locale : undefined;
  const base = { locale: typeof locale === 'string' ? locale : undefined, userId: String(user?.id ?? '0') };
  const actor = actorFromJson(body);
  if (body.type === InteractionType.ModalSubmit) {
    const data = body.data as Partial<typeof body.data> | undefined;
    if (typeof data?.custom_id !== 'string') return null;
    return { ...base, kind: 'modal', customId: data.custom_id, fields: modalFields(data.components), actor };
  }
  if (body.type === InteractionType.ApplicationCommand || body.type === InteractionType.ApplicationCommandAutocomplete) {
    // Typed as Discord sends it, but read defensively: a signed body is still only as well-formed as its sender.
    const data = body.data as Partial<typeof body.data> | undefined;
    if (data?.type !== undefined && data.type !== ApplicationCommandType.ChatInput) return null;
    const options = (data && 'options' in data && Array.isArray(data.options) ? data.options : []) as APIApplicationCommandInteractionDataBasicOption[];
    const command = String(data?.name ?? '');
    if (body.type === InteractionType.ApplicationCommandAutocomplete) {
      const focused = options.find((o) => 'focused' in o && o.focused === true);
      return { ...base, kind: 'autocomplete', command, focused: String(focused?.name ?? ''), value: String(focused?.value ?? '') };
    }
    return { ...base, kind: 'command', command, options: Object.fromEntries(options.map((o) => [String(o.name), o.value as string | number | boolean])), actor };
  }
  if (body.type === InteractionType.MessageComponent && (body.data?.component_type ?? ComponentType.Button) === ComponentType.Button && typeof body.data.custom_id === 'string') {
    const flags = Number(body.message?.flags ?? 0);
    const content = body.message?.content;
    return { ...base, kind: 'button', customId: body.data.custom_id, messageIsPrivate: (flags & MessageFlags.Ephemeral) !== 0, messageContent: typeof content === 'string' ? content : '', actor };
  }
  return null;
}

/** Who acts, as the gateway door reads it from discord.js: id, shown name, roles and resolved permissions (guild only). */
function actorFromJson(body: APIInteraction): Actor | undefined {
  const member = body.member as { user?: { id?: unknown; username?: unknown; global_name?: unknown }; nick?: unknown; roles?: unknown; permissions?: unknown } | undefined;
  const user = member?.user ?? (body.user as { id?: unknown; username?: unknown; global_name?: unknown } | undefined);
  if (!user) return undefined;
  const name = [member?.nick, user.global_name, user.username].find((n) => typeof n === 'string' && n) as string | undefined;
  return {
    userId: String(user.id ?? '0'),
    name: name ?? String(user.id ?? ''),
    ...(Array.isArray(member?.roles) ? { roles: member.roles.map(String) } : {}),
    ...(typeof member?.permissions === 'string' ? { permissions: member.permissions } : {}),
  };
}

/** A submitted modal's text inputs by custom_id: rows of inputs, or (newer modals) labels around one input each. */
function modalFields(rows: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (c: { custom_id?: unknown; value?: unknown; components?: unknown; component?: unknown }) => {
    if (typeof c.custom_id === 'string' && typeof c.value === 'string') out[c.custom_id] = c.value;
    if (Array.isArray(c.components)) for (const inner of c.components) visit(inner as never);
    if (c.component && typeof c.component === 'object') visit(c.component as never);
  };
  if (Array.isArray(rows)) for (const row of rows) visit(row as never);
  return out;
}

/** The interaction callback for an answer: a new message, an update of the button's message, or choices. */
export function callbackFor(answer: Answer): { type: InteractionResponseType; data: Json | MessagePayload } {
  if (answer.kind === 'choices') return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: answer.choices.slice(0, DISCORD.autocompleteChoices) } };
  if (answer.kind === 'update') return { type: InteractionResponseType.UpdateMessage, data: answer.payload };
  if (answer.kind === 'modal') return { type: InteractionResponseType.Modal, data: answer.modal as unknown as Json };
  // The one place this door maps a private answer to Discord's flag.
  return { type: InteractionResponseType.ChannelMessageWithSource, data: answer.private ? { ...answer.payload, flags: MessageFlags.Ephemeral } : answer.payload };
}

/**
 * A body for Discord: JSON, or — when files go with it — multipart/form-data with the JSON as `payload_json` and
 * each file as `files[n]`, which is how Discord takes attachments in interaction responses and webhooks.
 */
export async function encodeForDiscord(json: Json): Promise<{ contentType: string; body: Buffer }> {
  const data = json.data as MessagePayload | undefined;
  const files = data?.files ?? (json as unknown as MessagePayload).files;
  if (!files || files.length === 0) return { contentType: 'application/json', body: Buffer.from(JSON.stringify(json)) };
  const strip = (o: Json) => {
    const { files: _files, ...rest } = o;
    return rest;
  };
  const payload = json.data ? { ...json, data: strip(json.data as Json) } : strip(json);
  const form = new FormData();
  form.append('payload_json', JSON.stringify(payload));
  files.forEach((f, i) => form.append(`files[${i}]`, new Blob([f.data], { type: f.contentType }), f.name));
  const response = new Response(form);
  return { contentType: response.headers.get('content-type')!, body: Buffer.from(await response.arrayBuffer()) };
}

/**
 * The second door: Discord's HTTP interactions endpoint. Stateless, so any number of instances can stand
 * behind a load balancer. Verifies every request's Ed25519 signature, answers PING with PONG, and answers
 * commands, autocomplete and buttons with the same core and rendering as the gateway bot.
 */
export function createEndpoint(options: EndpointOptions): Server {
  const { logger, record } = options;
  const answer = options.answer ?? ((input: InteractionInput, host: RecordHost) => host.answer(input));
  const apiUrl = (options.apiUrl ?? 'https://discord.com/api').replace(/\/$/, '');

  const send = (res: ServerResponse, status: number, body?: Json) => {
    res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
    res.end(body ? JSON.stringify(body) : undefined);
  };
  const sendCallback = async (res: ServerResponse, callback: Json) => {
    const { contentType, body } = await encodeForDiscord(callback);
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      const { entries, loadedAt, answering } = record.status();
      return send(res, answering ? 200 : 503, { ok: answering, entries, loadedAt: loadedAt.toISOString() });
    }
    if (url.pathname !== '/interactions') return send(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });

    const raw = await readBody(req);
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (!verifySignature(options.publicKey, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, raw)) {
      logger.warn({ door: 'http', outcome: 'bad-signature' }, 'request refused');
      return send(res, 401, { error: 'invalid request signature' });
    }
    let body: APIInteraction;
    try {
      body = JSON.parse(raw.toString('utf8')) as APIInteraction;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch {
      return send(res, 400, { error: 'malformed JSON' });
    }
    if (body.type === InteractionType.Ping) return send(res, 200, { type: InteractionResponseType.Pong });

    const input = inputFromJson(body);
    const data = 'data' in body ? (body.data as unknown as Json | undefined) : undefined;
    const fields = { door: 'http', interaction: body.id, type: input?.kind ?? `type-${String(body.type)}`, command: data?.name, locale: body.locale };
    if (!input) return send(res, 400, { error: 'unsupported interaction type' });
    let outcome = 'answered';
    try {
      const work = Promise.resolve().then(() => answer(input, record));
      if (input.kind === 'autocomplete') {
        const result = await work.catch(() => ({ kind: 'choices', choices: [] }) as Answer);
        return send(res, 200, callbackFor(result) as Json);
      }
      // Counted from the request's arrival (when it was created at Discord is not in the request).
      const first = await answerWithin(work, DEFER_AFTER_MS - (Date.now() - started));
      if (first !== null) return sendCallback(res, callbackFor(first) as Json);
      // Late: acknowledge now (5 = "thinking…", 6 = keep the message), then put the answer in place by webhook.
      outcome = 'deferred';
      send(res, 200, {
        type: input.kind === 'button' ? InteractionResponseType.DeferredMessageUpdate : InteractionResponseType.DeferredChannelMessageWithSource,
        data: asksPrivately(input) ? { flags: MessageFlags.Ephemeral } : {},
      });
      const result = await work;
      // A modal can only be the first answer; /log's form is ready at once, so this means a stalled process.
      if (result.kind === 'modal') throw new Error('a modal cannot follow a deferral');
      const encoded = await encodeForDiscord(callbackFor(result).data as Json);
      const target = `${apiUrl}/v10/webhooks/${String(body.application_id)}/${String(body.token)}${result.kind === 'message' && input.kind === 'button' ? '' : '/messages/@original'}`;
      const response = await fetch(target, { method: result.kind === 'message' && input.kind === 'button' ? 'POST' : 'PATCH', headers: { 'content-type': encoded.contentType }, body: encoded.body });
      if (!response.ok) throw new Error(`follow-up failed with ${response.status}`);
    } catch (error) {
      outcome = 'failed';
      logger.error({ ...fields, err: String((error as Error)?.message ?? error) }, 'interaction failed');
      if (!res.headersSent) {
        const apology = t(localeFromDiscord(input.locale)).errorInternal;
        send(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: { content: apology, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } });
      }
    } finally {
      logger.info({ ...fields, latencyMs: Date.now() - started, outcome }, 'interaction');
    }
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) send(res, status, { error: status === 413 ? 'body too large' : 'internal error' });
      else res.end();
      if (status === 500) logger.error({ door: 'http', err: String(error) }, 'request failed');
    });
  });
}
