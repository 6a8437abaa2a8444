export {
  DEFAULT_NOTE_WINDOW_MS,
  type DraftOptions,
  type DraftReport,
  draftReleaseNotes,
  type ImprovedMeasure,
} from './release-notes.js';
export {
  type VersionDelta,
  type VersionedKind,
  type VersionSeen,
  versionDeltas,
  versionedSubjects,
  versionsOf,
} from './version-deltas.js';
