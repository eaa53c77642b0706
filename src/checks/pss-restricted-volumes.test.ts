// Table test for pss-restricted-volumes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'allowed types pass; name-only volume is emptyDir after defaulting; image volumes pass', version: '1.0', level: 'restricted', yaml: pod({ volumes: [{ name: 'a', configMap: { name: 'x' } }, { name: 'b' }, { name: 'c', image: { reference: 'x' } }, { name: 'd', csi: { driver: 'x' } }, { name: 'e', ephemeral: {} }, { name: 'f', projected: { sources: [] } }] }), want: [] },
  { name: 'named types; a field the API does not know is dropped, not an "unknown" type', version: '1.0', level: 'restricted', yaml: pod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'h', hostPath: { path: '/' } }, { name: 'u', someFutureSource: {} }] }), want: ['restricted volume types (volumes "n", "h" use restricted volume types "hostPath", "nfs")'] },
  { name: 'a misspelt emptydir is dropped by the API server and the volume defaults to emptyDir: allowed', level: 'restricted', yaml: pod({ volumes: [{ name: 'v', emptydir: {} }] }), want: [] },
  { name: 'an unknown field beside a restricted source: only the source is named', level: 'restricted', yaml: pod({ volumes: [{ name: 'v', emptydir: {}, hostPath: { path: '/' } }] }), want: ['restricted volume types (volume "v" uses restricted volume type "hostPath")'] },
  { name: 'a null source counts as absent', level: 'restricted', yaml: pod({ volumes: [{ name: 'v', hostPath: null }] }), want: [] },
  { name: 'single volume', level: 'restricted', yaml: pod({ volumes: [{ name: 'g', gitRepo: { repository: 'r' } }] }), want: ['restricted volume types (volume "g" uses restricted volume type "gitRepo")'] },
  { name: 'not part of baseline', level: 'baseline', yaml: pod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }), want: [] },
  { name: 'the other allowed types pass', level: 'restricted', yaml: pod({ volumes: [{ name: 'a', downwardAPI: { items: [] } }, { name: 'b', emptyDir: {} }, { name: 'c', persistentVolumeClaim: { claimName: 'x' } }, { name: 'd', secret: { secretName: 'x' } }] }), want: [] },
  {
    name: 'every type PSA names',
    level: 'restricted',
    yaml: pod({ volumes: ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos'].map((k) => ({ name: k.toLowerCase(), [k]: k === 'hostPath' ? { path: '/' } : {} })) }),
    want: ['restricted volume types (volumes "hostpath", "gcepersistentdisk", "awselasticblockstore", "gitrepo", "nfs", "iscsi", "glusterfs", "rbd", "flexvolume", "cinder", "cephfs", "flocker", "fc", "azurefile", "vspherevolume", "quobyte", "azuredisk", "portworxvolume", "photonpersistentdisk", "scaleio", "storageos" use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume")'],
  },
  { name: 'an allowed source next to a forbidden one passes (PSA tests the allowed ones first)', level: 'restricted', yaml: pod({ volumes: [{ name: 'x', emptyDir: {}, hostPath: { path: '/' } }] }), want: [] },
];

for (const c of cases) {
  test(`pss-restricted-volumes: ${c.name}`, () => assert.deepEqual(messages('pss-restricted-volumes', c.yaml, c.version, c.level), c.want));
}
