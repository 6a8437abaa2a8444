export { applyRetention, type RetentionOptions, type RetentionReport } from './apply-retention.js';
export { type ChangeSettingsOptions, changeProjectSettings, type SettingsPatch } from './change-settings.js';
export { type ForgetUserOptions, type ForgetUserReport, forgetUser } from './forget-user.js';
export { purgedContext, purgedSignalValue } from './purge-text.js';
export { TABLE_PRIVACY, type TablePrivacy } from './table-privacy.js';
export { userSubject } from './user-subject.js';
