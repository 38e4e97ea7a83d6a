import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'cut' | 'black-hole';

/**
 * A TCP proxy between the app and one of its services (PostgreSQL, Redis, SMTP), for the
 * fault-injection tests. `cut()` drops every connection and refuses new ones (a service that is
 * down), `blackHole()` accepts connections and forwards nothing in either direction (a network
 * that swallows packets: only timeouts help), `delay(ms)` holds every chunk that long, and
 * `pass()` restores normal service.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private modeNow: ProxyMode = 'pass';
  private delayMs = 0;
  private portNow = 0;
  private refusedNow = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy to `target` (a URL or host:port) on a free local port. */
  static async start(target: string): Promise<TcpProxy> {
    const url = new URL(target.includes('://') ? target : `tcp://${target}`);
    const proxy = new TcpProxy(url.hostname, Number(url.port));
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.portNow;
  }

  /** Connections refused while cut: someone tried to reconnect during the outage. */
  get refused(): number {
    return this.refusedNow;
  }

  get mode(): ProxyMode {
    return this.modeNow;
  }

  /** The same URL with host and port replaced by the proxy's. */
  urlFor(target: string): string {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(this.portNow);
    return url.toString();
  }

  cut(): void {
    this.modeNow = 'cut';
    for (const pair of this.pairs) this.drop(pair);
  }

  blackHole(): void {
    this.modeNow = 'black-hole';
  }

  delay(ms: number): void {
    this.delayMs = ms;
  }

  pass(): void {
    this.modeNow = 'pass';
    this.delayMs = 0;
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) this.drop(pair);
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNow, '127.0.0.1', () => resolve());
    });
    this.portNow = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    if (this.modeNow === 'cut') {
      this.refusedNow += 1;
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (this.modeNow === 'black-hole') return;
        if (this.delayMs > 0) setTimeout(() => to.writable && to.write(chunk), this.delayMs);
        else if (to.writable) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => this.drop(pair);
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private drop(pair: { client: Socket; upstream: Socket }): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
