// Starts a cluster and a node, says "ready", and waits to be killed: node.test.ts's stand-in for a test process that dies with its node up.
import { startCluster } from './cluster.js';
import { startNode } from './node.js';

const cluster = await startCluster();
const node = await startNode(cluster);
// A running Pod, so the node leaves a shim, a container, mounts, a netns and the bridge behind when this process dies.
await node.runPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'left-behind' }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: node.images.busybox, command: ['sleep', '3600'] }] } });
process.stdout.write(`ready ${node.dir}\n`);
setInterval(() => {}, 1 << 30);
