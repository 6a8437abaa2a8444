import { createHash } from 'node:crypto';

/**
 * How the audit log names a forgotten user: a SHA-256 of the project and the user id, never the id itself,
 * so the log keeps nothing of the user yet still answers "was this user forgotten?" for whoever knows the id.
 */
export function userSubject(projectId: string, userId: string): string {
  return `user:${createHash('sha256').update(`${projectId}\u0000${userId}`).digest('hex')}`;
}
