import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { EICAR, KNOWN_URL } from './fake-virustotal.js';
import { setup } from './setup.js';

describe('VirusTotal comments through the executor', () => {
  it("posts a comment on a file and reads it back in the reference's shape", async () => {
    const { vt, run } = await setup();
    expect((await run('post_comment', { resource: EICAR.sha256, comment: 'Seen in alert ALxyz #malware' })).results).toMatchObject({ response_code: 1, verbose_msg: 'Your comment was successfully posted' });
    const read = (await run('get_comments', { resource: EICAR.sha256 })).results as { comments: Array<Record<string, unknown>> };
    expect(read.comments).toEqual([{ date: '2025-12-01 10:00:00', comment: 'Seen in alert ALxyz #malware', id: `${EICAR.sha256}-0`, tags: ['malware'] }]);
    expect(vt.received.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /files/${EICAR.sha256}/comments`, `GET /files/${EICAR.sha256}/comments`]);
  });

  it('comments a URL under its v3 identifier', async () => {
    const { vt, run } = await setup();
    await run('post_comment', { resource: KNOWN_URL, comment: 'payload host' });
    expect(vt.received[0]!.path).toBe(`/urls/${Buffer.from(KNOWN_URL).toString('base64url')}/comments`);
  });

  it('says a comment is a duplicate, as the reference did', async () => {
    const { run } = await setup();
    await run('post_comment', { resource: EICAR.md5, comment: 'same' });
    const error = await plyErrorOf(run('post_comment', { resource: EICAR.md5, comment: 'same' }));
    expect(error.message).toBe(`Duplicate comment: VirusTotal already has this comment on file ${EICAR.md5}`);
    expect(error.details['status']).toBe(409);
  });

  it('answers no comments for an unknown file and refuses a resource that is neither a hash nor a URL', async () => {
    const { vt, run } = await setup();
    expect((await run('get_comments', { resource: 'f'.repeat(32) })).results).toMatchObject({ response_code: 0, comments: [] });
    const error = await plyErrorOf(run('get_comments', { resource: 'example.org' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('neither a hash');
    expect(vt.received).toHaveLength(1);
  });
});
