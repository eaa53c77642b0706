// Rule tests for pss-restricted-volumes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-restricted-volumes.js';

ruleTester(check, {
  valid: [
    { name: 'allowed types pass; name-only volume is emptyDir after defaulting; image volumes pass', version: '1.0', yaml: pod({ volumes: [{ name: 'a', configMap: { name: 'x' } }, { name: 'b' }, { name: 'c', image: { reference: 'x' } }, { name: 'd', csi: { driver: 'x' } }, { name: 'e', ephemeral: {} }, { name: 'f', projected: { sources: [] } }] }), params: { level: 'restricted' } },
    { name: 'a misspelt emptydir is dropped by the API server and the volume defaults to emptyDir: allowed', yaml: pod({ volumes: [{ name: 'v', emptydir: {} }] }), params: { level: 'restricted' } },
    { name: 'a null source counts as absent', yaml: pod({ volumes: [{ name: 'v', hostPath: null }] }), params: { level: 'restricted' } },
    { name: 'not part of baseline', yaml: pod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }), params: { level: 'baseline' } },
    { name: 'the other allowed types pass', yaml: pod({ volumes: [{ name: 'a', downwardAPI: { items: [] } }, { name: 'b', emptyDir: {} }, { name: 'c', persistentVolumeClaim: { claimName: 'x' } }, { name: 'd', secret: { secretName: 'x' } }] }), params: { level: 'restricted' } },
    { name: 'an allowed source next to a forbidden one passes (PSA tests the allowed ones first)', yaml: pod({ volumes: [{ name: 'x', emptyDir: {}, hostPath: { path: '/' } }] }), params: { level: 'restricted' } },
  ],
  invalid: [
    {
      name: 'named types; a field the API does not know is dropped, not an "unknown" type',
      version: '1.0',
      yaml: pod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'h', hostPath: { path: '/' } }, { name: 'u', someFutureSource: {} }] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.volumes[0].nfs', container: null, message: 'restricted volume types (volumes "n", "h" use restricted volume types "hostPath", "nfs")' }],
      output: null,
    },
    {
      name: 'an unknown field beside a restricted source: only the source is named',
      yaml: pod({ volumes: [{ name: 'v', emptydir: {}, hostPath: { path: '/' } }] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.volumes[0].hostPath', container: null, message: 'restricted volume types (volume "v" uses restricted volume type "hostPath")' }],
      output: null,
    },
    {
      name: 'single volume',
      yaml: pod({ volumes: [{ name: 'g', gitRepo: { repository: 'r' } }] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.volumes[0].gitRepo', container: null, message: 'restricted volume types (volume "g" uses restricted volume type "gitRepo")' }],
      output: null,
    },
    {
      name: 'every type PSA names',
      yaml: pod({ volumes: ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos'].map((k) => ({ name: k.toLowerCase(), [k]: k === 'hostPath' ? { path: '/' } : {} })) }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.volumes[0].hostPath', container: null, message: 'restricted volume types (volumes "hostpath", "gcepersistentdisk", "awselasticblockstore", "gitrepo", "nfs", "iscsi", "glusterfs", "rbd", "flexvolume", "cinder", "cephfs", "flocker", "fc", "azurefile", "vspherevolume", "quobyte", "azuredisk", "portworxvolume", "photonpersistentdisk", "scaleio", "storageos" use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume")' }],
      output: null,
    },
  ],
});

