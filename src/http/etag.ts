import type { FastifyReply } from 'fastify';

/** A GET of an entity: its revision goes out as the ETag, which If-Match sends back. */
export function answerWithETag<Body>(
  reply: FastifyReply,
  view: { readonly revision: number; readonly body: Body },
): Body {
  void reply.header('ETag', `"${view.revision}"`);
  return view.body;
}
