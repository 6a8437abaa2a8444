/**
 * The `store.exclusive` lock of a project: every read-modify-write pass over one project's events and
 * their derived tables (screening, forgetting a user, retention) takes this one, so none of them
 * interleaves with another, on any process sharing the database.
 */
export const projectLock = (projectId: string): string => `project:${projectId}`;
