/**
 * A local stand-in for Discord's REST API (v10) and gateway (v10, JSON, no compression), enough for the
 * unmodified discord.js client to log in, receive interactions and messages, and answer them. It is strict where
 * Discord is strict: over-limit payloads get Discord's 400 error body, a second acknowledgement gets 40060, and a
 * first answer after 3 seconds gets 10062. Tests steer it: dispatch events, drop the connection, inject REST faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { checkChoices, checkCommandPermissions, checkMessage, checkModal, type FormError, formErrorBody } from './limits.js';

// The stand-in reads arbitrary JSON from the client and hands it to tests to inspect: `any` is the honest type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export const INTERACTION_TIMEOUT_MS = 3000;

/** The permissions the stand-in's members have unless a test says otherwise: no Manage Server (1 << 5), no Administrator. */
export const EVERYONE_PERMISSIONS = String(2248473465835073n & ~((1n << 5n) | (1n << 3n)));
/** Two roles of the stand-in's server (beside @everyone), for tests of who may do what. */
export const ROLES = { editor: '112233445566778899', other: '998877665544332211' } as const;

/** Manage Server, as Discord writes a permission bit set. */
export const MANAGE_GUILD = String(1n << 5n);

export interface MemberOverride {
  roles?: string[];
  permissions?: string;
  nick?: string | null;
  user?: Json;
}

let snowflakeCounter = 0n;
/** Discord-shaped ids: a timestamp part and a counter, so they sort by creation. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | (snowflakeCounter & 0x3fffffn)).toString();
}

export interface ResponseRecord {
  kind: 'callback' | 'edit' | 'followup';
  type?: number;
  body: Json;
  files: { name: string; type: string; data: Buffer }[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  payload: Json;
  dispatchedAt: number;
  /** Accepted callbacks (the first answer). Exactly one is the goal. */
  callbacks: ResponseRecord[];
  edits: ResponseRecord[];
  followups: ResponseRecord[];
  /** Requests the stand-in refused for this interaction, with Discord's code. */
  rejected: { status: number; code: number; path: string }[];
}

export interface Fault {
  /** Which requests: 'callback', 'edit', 'followup', 'message' or 'any'. */
  route: 'callback' | 'edit' | 'followup' | 'message' | 'any';
  status: 500 | 502 | 429;
  /** For 429: seconds Discord asks the client to wait. */
  retryAfter?: number;
  /** How many matching requests fail before requests go through again. */
  times: number;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  events: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

export interface StandInOptions {
  /** Delay before answering REST requests (a slow Discord). */
  restDelayMs?: number;
}

export class DiscordStandIn {
  readonly token = `standin.${randomBytes(12).toString('hex')}`;
  readonly applicationId = snowflake();
  readonly botUser = { id: this.applicationId, username: 'Projektminne', discriminator: '0', global_name: 'Projektminne', avatar: null, bot: true };
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly user = { id: snowflake(), username: 'anna', discriminator: '0', global_name: 'Anna', avatar: null };

  readonly interactions = new Map<string, InteractionRecord>();
  readonly channelMessages: Json[] = [];
  readonly registeredCommands = new Map<string, Json[]>();
  readonly requests: { method: string; path: string; status: number }[] = [];
  identifyCount = 0;
  resumeCount = 0;
  faults: Fault[] = [];

  private session: Session | null = null;
  private readonly sockets = new Set<WebSocket>();
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    private readonly options: StandInOptions,
  ) {}

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const standIn = new DiscordStandIn(http, wss, (http.address() as AddressInfo).port, options);
    http.on('request', (req, res) => void standIn.onRequest(req, res));
    wss.on('connection', (socket) => standIn.onConnection(socket));
    return standIn;
  }

  /** What DISCORD_API_URL should be: discord.js appends /v10/... */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get connected(): boolean {
    return this.session?.socket?.readyState === WebSocket.OPEN;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---------------------------------------------------------------- test controls

  /** Resolves when `check` holds; re-checked after every request and gateway event, and every 20 ms. */
  waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`stand-in: timed out waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(() => this.notify(), 20);
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      };
      this.waiters.push({ check, resolve: done });
    });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Sends a gateway dispatch (op 0). Buffered for RESUME when the connection is down, as Discord does. */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session) throw new Error('stand-in: no session; has the bot logged in?');
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Closes the gateway with a close code (4000 "unknown error" lets the client resume). */
  closeGateway(code = 4000): void {
    this.session?.socket?.close(code, 'stand-in closed the connection');
  }

  /** Drops the TCP connection without a close frame, like a network failure. */
  dropGateway(): void {
    this.session?.socket?.terminate();
  }

  /** Sends op 9 INVALID_SESSION; with resumable=false the client must identify again. */
  invalidateSession(resumable = false): void {
    const socket = this.session?.socket;
    if (!resumable && this.session) this.session = { ...this.session, id: 'invalidated' };
    socket?.send(JSON.stringify({ op: 9, d: resumable }));
  }

  /** Dispatches a slash command and returns its record, which fills in as the bot answers. */
  command(name: string, options: Json[] = [], locale = 'en-US', extra: Json = {}): InteractionRecord {
    return this.interaction({ type: 2, data: { id: snowflake(), name, type: 1, options, guild_id: this.guildId } }, locale, extra);
  }

  /**
   * Creates a slash-command interaction as Discord would POST it to an HTTP interactions endpoint (no gateway
   * dispatch): the caller delivers `payload` and reports the endpoint's HTTP answer with `acknowledgedOverHttp`.
   */
  httpCommand(name: string, options: Json[] = [], locale = 'en-US'): InteractionRecord {
    return this.interaction({ type: 2, data: { id: snowflake(), name, type: 1, options, guild_id: this.guildId } }, locale, {}, false);
  }

  /** Records the endpoint's HTTP response as the interaction's first answer (Discord takes it from the response). */
  acknowledgedOverHttp(record: InteractionRecord, response: Json): void {
    // Held to the same rules as a callback over REST: a modal must fit Discord's limits.
    const errors = response.type === 9 ? checkModal(response.data ?? {}) : [4, 7].includes(response.type as number) ? checkMessage(response.data ?? {}) : [];
    if (errors.length > 0) {
      record.rejected.push({ status: 400, code: 50035, path: 'http-response' });
      this.notify();
      return;
    }
    record.callbacks.push({ kind: 'callback', type: response.type as number, body: response, files: [], at: Date.now() });
    this.notify();
  }

  /** Dispatches an autocomplete request for the focused option. */
  autocomplete(name: string, focused: string, value: string, others: Json[] = [], locale = 'en-US'): InteractionRecord {
    const options = [...others, { name: focused, type: 3, value, focused: true }];
    return this.interaction({ type: 4, data: { id: snowflake(), name, type: 1, options } }, locale);
  }

  /** Dispatches a button click on a message the bot sent. */
  button(customId: string, message: Json, locale = 'en-US', ephemeral = false): InteractionRecord {
    const msg = { ...this.messageShape(message), flags: ephemeral ? 64 : 0 };
    return this.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, message: msg }, locale);
  }

  /**
   * Dispatches a MODAL_SUBMIT (type 5) as Discord sends it when the user submits a modal: its custom_id and each
   * text input's value in action rows. `member` overrides the member's roles and permissions (who may edit).
   * `overGateway: false` only creates it, for the HTTP door (see httpCommand).
   */
  modalSubmit(customId: string, fields: Record<string, string>, options: { locale?: string; member?: MemberOverride; overGateway?: boolean; message?: Json } = {}): InteractionRecord {
    const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    const extra = { ...(options.member ? { member: this.member(options.member) } : {}), ...(options.message ? { message: this.messageShape(options.message) } : {}) };
    return this.interaction({ type: 5, data: { custom_id: customId, components } }, options.locale ?? 'en-US', extra, options.overGateway ?? true);
  }

  /** A slash command from a member with these roles and permissions. */
  commandAs(member: MemberOverride, name: string, options: Json[] = [], locale = 'en-US', overGateway = true): InteractionRecord {
    return this.interaction({ type: 2, data: { id: snowflake(), name, type: 1, options, guild_id: this.guildId } }, locale, { member: this.member(member) }, overGateway);
  }

  /** A button click from a member with these roles and permissions. */
  buttonAs(member: MemberOverride, customId: string, message: Json, locale = 'en-US', ephemeral = false): InteractionRecord {
    const msg = { ...this.messageShape(message), flags: ephemeral ? 64 : 0 };
    return this.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, message: msg }, locale, { member: this.member(member) });
  }

  /** Dispatches a MESSAGE_CREATE from the test user. */
  message(content: string, options: { dm?: boolean; mentions?: Json[] } = {}): Json {
    const message = {
      ...this.messageShape({ content, author: this.user }),
      channel_id: options.dm ? this.dmChannelId : this.channelId,
      channel_type: options.dm ? 1 : 0,
      ...(options.dm ? {} : { guild_id: this.guildId, member: this.member() }),
      mentions: options.mentions ?? [],
    };
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  readonly dmChannelId = snowflake();

  /** The test user as a guild member: by default with the everyday permissions of @everyone (no Manage Server). */
  private member(override: MemberOverride = {}) {
    return {
      user: override.user ?? this.user,
      nick: override.nick ?? null,
      roles: override.roles ?? [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: override.permissions ?? EVERYONE_PERMISSIONS,
    };
  }

  private interaction(body: Json, locale: string, extra: Json = {}, overGateway = true): InteractionRecord {
    const id = snowflake();
    const token = `itoken.${randomBytes(16).toString('hex')}`;
    const payload = {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'projekt' },
      member: this.member(),
      locale,
      guild_locale: 'sv-SE',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10485760,
      ...body,
      ...extra,
    };
    const record: InteractionRecord = { id, token, payload, dispatchedAt: Date.now(), callbacks: [], edits: [], followups: [], rejected: [] };
    this.interactions.set(id, record);
    if (overGateway) this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  /** Waits until the interaction has its first answer (or was refused) and returns the record. */
  async answered(record: InteractionRecord, timeoutMs = 5000): Promise<InteractionRecord> {
    await this.waitFor(() => record.callbacks.length > 0 || record.rejected.length > 0, timeoutMs, `an answer to interaction ${record.id}`);
    return record;
  }

  /** Waits until a deferred interaction's answer has been edited in. */
  async completed(record: InteractionRecord, timeoutMs = 5000): Promise<InteractionRecord> {
    await this.answered(record, timeoutMs);
    const deferred = record.callbacks[0]?.type === 5 || record.callbacks[0]?.type === 6;
    if (deferred) await this.waitFor(() => record.edits.length > 0 || record.followups.length > 0, timeoutMs, `the deferred answer to ${record.id}`);
    return record;
  }

  // ---------------------------------------------------------------- gateway

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    socket.on('message', (raw) => {
      let packet: Json;
      try {
        packet = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      this.onPacket(socket, packet);
      this.notify();
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.session?.socket === socket) this.session.socket = null;
      this.notify();
    });
  }

  private onPacket(socket: WebSocket, packet: Json): void {
    switch (packet.op) {
      case 1: // heartbeat
        socket.send(JSON.stringify({ op: 11 }));
        return;
      case 2: {
        // identify
        if (packet.d?.token !== this.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        this.identifyCount += 1;
        this.session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], socket };
        this.dispatch('READY', {
          v: 10,
          user: { ...this.botUser, verified: true, flags: 0, mfa_enabled: false },
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: this.session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: packet.d?.shard ?? [0, 1],
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          presences: [],
          relationships: [],
          guild_join_requests: [],
        });
        this.dispatch('GUILD_CREATE', this.guild());
        return;
      }
      case 6: {
        // resume
        const session = this.session;
        if (!session || packet.d?.session_id !== session.id || packet.d?.token !== this.token) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        this.resumeCount += 1;
        session.socket = socket;
        for (const event of session.events.filter((e) => e.s > (packet.d.seq ?? 0))) socket.send(JSON.stringify({ op: 0, ...event }));
        this.dispatch('RESUMED', null);
        return;
      }
      default:
        return;
    }
  }

  private guild(): Json {
    return {
      id: this.guildId,
      name: 'Projektgruppen',
      icon: null,
      owner_id: this.user.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        { id: this.guildId, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: ROLES.editor, name: 'Redaktör', permissions: EVERYONE_PERMISSIONS, position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: ROLES.other, name: 'Medlem', permissions: EVERYONE_PERMISSIONS, position: 2, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'sv-SE',
      nsfw_level: 0,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      members: [],
      channels: [{ id: this.channelId, type: 0, guild_id: this.guildId, name: 'projekt', position: 0, permission_overwrites: [] }],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  // ---------------------------------------------------------------- REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path, status });
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
      this.notify();
    };
    if (this.options.restDelayMs) await new Promise((r) => setTimeout(r, this.options.restDelayMs));
    if (req.headers.authorization !== undefined && req.headers.authorization !== `Bot ${this.token}`) {
      return send(401, { message: '401: Unauthorized', code: 0 });
    }
    try {
      const { body, files } = await parseBody(req, raw);
      await this.route(req.method ?? 'GET', path, url, body, files, send);
    } catch (error) {
      send(400, { message: `stand-in could not read the request: ${(error as Error).message}`, code: 50109 });
    }
  }

  private fault(route: Fault['route']): Fault | null {
    const fault = this.faults.find((f) => (f.route === route || f.route === 'any') && f.times > 0);
    if (!fault) return null;
    fault.times -= 1;
    return fault;
  }

  private async route(
    method: string,
    path: string,
    url: URL,
    body: Json,
    files: ResponseRecord['files'],
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const failWith = (route: Fault['route']): boolean => {
      const fault = this.fault(route);
      if (!fault) return false;
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 0.2;
        send(429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-scope': 'user',
        });
      } else send(fault.status, { message: 'Internal Server Error', code: 0 });
      return true;
    };

    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/gateway') return send(200, { url: this.gatewayUrl });
    if (method === 'GET' && path === '/users/@me') return send(200, this.botUser);
    if (method === 'GET' && path === '/applications/@me') {
      return send(200, { id: this.applicationId, name: 'Projektminne', flags: 0, bot_public: true, bot_require_code_grant: false, description: '', icon: null, verify_key: '0'.repeat(64) });
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const key = m[2] ? `guild:${m[2]}` : 'global';
      if (m[1] !== this.applicationId) return send(404, { message: 'Unknown Application', code: 10002 });
      if (method === 'PUT') {
        const errors = (body as unknown as Json[]).flatMap((c, i) => checkCommandPermissions(c, i));
        if (errors.length > 0) return send(400, formErrorBody(errors));
        const commands = (body as unknown as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: this.applicationId, version: snowflake() }));
        this.registeredCommands.set(key, commands);
        return send(200, commands);
      }
      if (method === 'GET') return send(200, this.registeredCommands.get(key) ?? []);
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const record = this.interactions.get(m[1]!);
      if (!record || record.token !== m[2]) return send(404, { message: 'Unknown interaction', code: 10062 });
      if (failWith('callback')) return;
      if (record.callbacks.length > 0) {
        record.rejected.push({ status: 400, code: 40060, path });
        return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      if (Date.now() - record.dispatchedAt > INTERACTION_TIMEOUT_MS) {
        record.rejected.push({ status: 404, code: 10062, path });
        return send(404, { message: 'Unknown interaction', code: 10062 });
      }
      // A modal answers a command or a component only: never an autocomplete, never another modal's submission.
      if (body.type === 9 && ![2, 3].includes(record.payload.type as number)) {
        record.rejected.push({ status: 400, code: 50035, path });
        return send(400, formErrorBody([{ path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is invalid for this interaction' }]));
      }
      const errors: FormError[] =
        body.type === 8 ? checkChoices(body.data ?? {}) : [4, 7].includes(body.type) ? checkMessage(body.data ?? {}) : body.type === 9 ? checkModal(body.data ?? {}) : [];
      if (errors.length > 0) {
        record.rejected.push({ status: 400, code: 50035, path });
        return send(400, formErrorBody(errors.map((e) => ({ ...e, path: `data.${e.path}` }))));
      }
      record.callbacks.push({ kind: 'callback', type: body.type, body, files, at: Date.now() });
      if (url.searchParams.get('with_response') === 'true') {
        return send(200, { interaction: { id: record.id, type: record.payload.type }, resource: { type: body.type, message: this.messageShape(body.data ?? {}) } });
      }
      return send(204);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      const record = [...this.interactions.values()].find((r) => r.token === m![2]);
      if (!record || m[1] !== this.applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (record.callbacks.length === 0) return send(404, { message: 'Unknown Webhook', code: 10015 });
      const kind = method === 'POST' ? 'followup' : 'edit';
      if (method === 'GET') return send(200, this.messageShape(record.edits.at(-1)?.body ?? record.callbacks[0]!.body.data ?? {}));
      if (method === 'DELETE') return send(204);
      if (failWith(kind)) return;
      const errors = checkMessage(body);
      if (errors.length > 0) {
        record.rejected.push({ status: 400, code: 50035, path });
        return send(400, formErrorBody(errors));
      }
      (kind === 'followup' ? record.followups : record.edits).push({ kind, body, files, at: Date.now() });
      return send(200, this.messageShape(body));
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (failWith('message')) return;
      const errors = checkMessage(body);
      if (errors.length > 0) return send(400, formErrorBody(errors));
      const message = { ...this.messageShape(body), channel_id: m[1], files };
      this.channelMessages.push(message);
      return send(200, message);
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      return send(200, { id: this.dmChannelId, type: 1, recipients: [this.user], last_message_id: null });
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      if (m[1] === this.dmChannelId) return send(200, { id: this.dmChannelId, type: 1, recipients: [this.user], last_message_id: null });
      return send(200, { id: m[1], type: 0, guild_id: this.guildId, name: 'projekt', position: 0, permission_overwrites: [] });
    }
    send(404, { message: `stand-in has no route ${method} ${path}`, code: 0 });
  }

  /** A message object as Discord returns it, built from what was sent. */
  messageShape(body: Json): Json {
    return {
      id: snowflake(),
      type: 0,
      channel_id: this.channelId,
      author: this.botUser,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: body.attachments ?? [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      flags: body.flags ?? 0,
      ...body,
    };
  }
}

/** JSON bodies, and multipart bodies with payload_json plus files (how discord.js sends attachments). */
async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: Json; files: ResponseRecord['files'] }> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: {}, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const payload = form.get('payload_json');
    if (typeof payload !== 'string') throw new Error('multipart body without payload_json');
    const files: ResponseRecord['files'] = [];
    for (const [key, value] of form.entries()) {
      if (key.startsWith('files[') && typeof value !== 'string') {
        files.push({ name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body: JSON.parse(payload), files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}
