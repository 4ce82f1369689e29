/**
 * The WebDAV transport against real servers started here: Apache mod_dav (the reference) and
 * `rclone serve webdav` (the weak server), the same contract for both; plus the multistatus parser on
 * answers written by hand in the shapes real servers send (prefixes, default namespace, absolute
 * hrefs, escaped names, a 404 propstat).
 */
import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  NotFoundError,
  UnauthorizedError,
  UnexpectedResponseError,
} from '../../../sync/remote/store';
import { parseMultistatus, webDavStore } from '../../../sync/remote/webdav';
import { serverFor, startApacheDav, startRcloneDav } from '../../support/dav-servers';
import { describeStoreContract } from '../../support/store-contract';

for (const [label, start] of [
  ['Apache mod_dav', startApacheDav],
  ['rclone serve webdav', startRcloneDav],
] as const) {
  describe(label, () => {
    const dav = serverFor(start);
    const fresh = () => {
      const server = dav();
      const folder = server.newFolder();
      return webDavStore({
        url: folder.url,
        username: server.user,
        password: server.pass,
        timeoutMs: 10_000,
      });
    };

    describeStoreContract(label, {
      fresh: async () => fresh(),
      atomicCreateOnce: true,
      listsDeepFolders: true,
    });

    it('says which credentials are wrong: UnauthorizedError for a wrong password', async () => {
      const server = dav();
      const folder = server.newFolder();
      const store = webDavStore({ url: folder.url, username: server.user, password: 'wrong' });
      await expect(store.list('')).rejects.toBeInstanceOf(UnauthorizedError);
      await expect(store.putImmutable('x.bin', new Uint8Array([1]))).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
      await expect(store.check()).rejects.toBeInstanceOf(UnauthorizedError);
    });

    it('check() accepts an existing folder and names a missing one NotFoundError', async () => {
      await fresh().check();
      const server = dav();
      const missing = webDavStore({
        url: `${server.url}no-such-folder-here/`,
        username: server.user,
        password: server.pass,
      });
      await expect(missing.check()).rejects.toBeInstanceOf(NotFoundError);
    });

    it('a create-once file refused by the server leaves no temporary file behind', async () => {
      const store = fresh();
      await store.putImmutable('k/000000000001.bin', new Uint8Array([1]));
      for (let i = 0; i < 3; i++)
        await expect(store.putImmutable('k/000000000001.bin', new Uint8Array([2]))).rejects.toBeInstanceOf(
          AlreadyExistsError,
        );
      expect((await store.list('k')).map((e) => e.name)).toEqual(['000000000001.bin']);
    });
  });
}

it('without apache2 installed the WebDAV tests fail, saying to install it', async () => {
  await expect(startApacheDav({ binary: '/nonexistent/sbin/apache2' })).rejects.toThrow(/^install apache2/);
});

it('a redirect is reported, not followed with the credentials: UnexpectedResponseError that says so', async () => {
  const calls: string[] = [];
  const store = webDavStore({
    url: 'http://dav.example/notes/',
    username: 'alice',
    password: 's3cret',
    fetch: async (input) => {
      calls.push(String(input));
      return new Response(null, { status: 301, headers: { location: 'https://dav.example/notes/' } });
    },
  });
  const error = await store.list('').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  expect((error as Error).message).toMatch(/redirects elsewhere/);
  expect(calls).toEqual(['http://dav.example/notes/']);
});

describe('parseMultistatus (hand-written server answers)', () => {
  const base = 'https://cloud.example/remote.php/dav/files/alice/Talk%20marks/';

  it('reads a Nextcloud-style answer with the d: prefix, skipping the folder itself', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/Talk%20marks/talkmarks/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response><d:href>/remote.php/dav/files/alice/Talk%20marks/talkmarks/vault.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>812</d:getcontentlength><d:getetag>"abc"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response><d:href>/remote.php/dav/files/alice/Talk%20marks/talkmarks/v1/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>`;
    expect(parseMultistatus(xml, base, '/remote.php/dav/files/alice/Talk marks/talkmarks/')).toEqual([
      { path: 'talkmarks/v1', name: 'v1', dir: true, size: 0 },
      { path: 'talkmarks/vault.json', name: 'vault.json', dir: false, size: 812, etag: '"abc"' },
    ]);
  });

  it('reads a default-namespace answer with absolute-URL hrefs (other servers)', () => {
    const xml = `<multistatus xmlns="DAV:">
 <response><href>https://cloud.example/remote.php/dav/files/alice/Talk%20marks/</href>
  <propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>https://cloud.example/remote.php/dav/files/alice/Talk%20marks/a.bin</href>
  <propstat><prop><resourcetype/><getcontentlength>3</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>`;
    expect(parseMultistatus(xml, base, '/remote.php/dav/files/alice/Talk marks/')).toEqual([
      { path: 'a.bin', name: 'a.bin', dir: false, size: 3 },
    ]);
  });

  it('matches elements by namespace, not by prefix: a non-DAV <response> is not an entry', () => {
    const xml = `<D:multistatus xmlns:D="DAV:" xmlns:x="urn:other">
 <x:response><D:href>/remote.php/dav/files/alice/Talk%20marks/fake.bin</D:href></x:response>
 <D:response><D:href>/remote.php/dav/files/alice/Talk%20marks/real.bin</D:href>
  <D:propstat><D:prop><D:getcontentlength>1</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
</D:multistatus>`;
    expect(parseMultistatus(xml, base, '/remote.php/dav/files/alice/Talk marks/').map((e) => e.name)).toEqual(
      ['real.bin'],
    );
  });

  it('expands no DTD entities (a hostile server cannot blow up memory): the answer is refused', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>&b;</d:href></d:response></d:multistatus>`;
    expect(() => parseMultistatus(xml, base, '/')).toThrow(UnexpectedResponseError);
  });

  it('refuses what is not a DAV multistatus (an HTML login page, broken XML)', () => {
    expect(() => parseMultistatus('<html><body>Log in</body></html>', base, '/')).toThrow(
      UnexpectedResponseError,
    );
    expect(() => parseMultistatus('<d:multistatus xmlns:d="DAV:"><d:response>', base, '/')).toThrow(
      UnexpectedResponseError,
    );
  });
});
