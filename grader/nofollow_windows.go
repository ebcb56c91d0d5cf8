package grader

// syscallNoFollow is 0 on Windows, which has no O_NOFOLLOW: a symbolic
// link is still refused when the folder is listed (readSubmission), but
// not one swapped in between the listing and the read.
const syscallNoFollow = 0
