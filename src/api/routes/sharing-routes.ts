import { sharingRoutes } from '../../sharing/index.ts';
import { allow, annotateRoute, publicAccess } from '../access.ts';
import type { RouteContext } from '../route-context.ts';

/** Investigators of institutions, FIUs and supervisors take part in safe-harbor sharing. */
export const SHARING_ROLES = allow('institution_analyst', 'institution_approver', 'fiu_analyst', 'fiu_supervisor', 'supervisor');

/**
 * Mounts the sharing module's routes under /sharing/v1 with Frontera's authentication: the
 * node-to-node message route is public to HTTP (each message is signed and checked by the
 * module), every other route needs a signed-in principal with a sharing role, whose name is the
 * investigator the module checks against the registrations.
 */
export async function registerSharingRoutes({ app, services }: RouteContext): Promise<void> {
  const node = services.sharing;
  if (!node) return;
  await app.register(async (child) => {
    child.addHook('onRoute', (route) => {
      annotateRoute(route, route.method === 'POST' && route.url === '/sharing/v1/messages' ? publicAccess : SHARING_ROLES);
      const schema = route.schema as Record<string, unknown>;
      schema['tags'] = ['sharing'];
    });
    await child.register(sharingRoutes, { node, resolveActor: (request) => request.principal?.name ?? null });
    // Which participant this server is, so the web pages can tell this institution from its peers.
    child.get('/sharing/v1/node', async () => ({ institutionId: node.institutionId }));
  });
}
