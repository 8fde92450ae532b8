package edge

// abortIncompleteUploadDays is how long the access-log bucket keeps the
// parts of a multipart upload that never completed. S3 keeps and bills
// such parts until a lifecycle rule's AbortIncompleteMultipartUpload
// action removes them (S3 user guide, "Configuring a bucket lifecycle
// configuration to delete incomplete multipart uploads").
const abortIncompleteUploadDays = 1
