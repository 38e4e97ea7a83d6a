export { APPLICATIONS_ERROR_CODES, type ApplicationsErrorCode } from './applications.exception';
export { ApplicationsModule } from './applications.module';
export { ApplicationService, EDITABLE_STATES } from './applications/application.service';
export { CallService, type CallView } from './calls/call.service';
export { CallOffService } from './implementation/call-off.service';
export { LifecycleService, type TransitionAnswer } from './lifecycle/lifecycle.service';
export { ApplicationScope, BOARD_VISIBLE_STATES } from './scope/application-scope';
export { sendFile } from './http/http-helpers';
export { checkUpload, MAX_FILE_BYTES, sniffFileType } from './files/file-check';
