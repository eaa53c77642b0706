// Loaded with --import into mamori under test: records every attempt to reach the network (TCP, UDP, DNS) to $MAMORI_NET_LOG.
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import dgram from 'node:dgram';
import dns from 'node:dns';

const log = process.env.MAMORI_NET_LOG;
const record = (what) => { if (log) appendFileSync(log, `${process.pid} ${what}\n`); };

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0];
  // Unix sockets and pipes are not the network.
  if (!(typeof o === 'string' || (o && typeof o === 'object' && o.path !== undefined))) record(`tcp ${JSON.stringify(Array.isArray(o) ? o[0] : o)}`);
  return connect.apply(this, args);
};
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) { record('udp send'); return send.apply(this, args); };
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt']) {
  const orig = dns[fn];
  dns[fn] = function (...args) { record(`dns ${fn} ${String(args[0])}`); return orig.apply(this, args); };
  const p = dns.promises[fn];
  if (p) dns.promises[fn] = function (...args) { record(`dns promises.${fn} ${String(args[0])}`); return p.apply(this, args); };
}
