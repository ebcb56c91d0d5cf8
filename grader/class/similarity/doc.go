// Package similarity flags pairs of submissions of one exercise whose Go
// code is alike, as MOSS does for a class: a flag for a person to look
// at, never a verdict, and it changes no score.
//
// The method is winnowing (Schleimer, Wilkerson and Aiken, "Winnowing:
// local algorithms for document fingerprinting", SIGMOD 2003):
//
//  1. Each submission's .go files are read with go/scanner. Comments and
//     blank lines are dropped; every identifier becomes one token "id"
//     and every literal one token per kind (number, string, char), so
//     renaming variables or changing constants changes nothing. Keywords,
//     operators and punctuation are kept: they are the program's shape.
//  2. Every run of K consecutive tokens (a k-gram) is hashed.
//  3. Winnowing keeps, in every window of W consecutive hashes, the
//     smallest (the rightmost on ties): the submission's fingerprints.
//     Any match of at least K+W-1 tokens shares a fingerprint, and
//     matches shorter than K are noise that never counts.
//  4. Every k-gram of the exercise's stub is subtracted: starter code
//     (signatures, the package clause, racefix's shipped program) is not
//     the student's and never counts.
//  5. A fingerprint shared by many submissions is common idiom (a
//     WaitGroup loop, a range over a slice), not copying: its weight
//     falls with the number of participants holding it, as an inverse
//     document frequency, log(N/df)/log(N/2), from 1 for a fingerprint
//     two participants share to 0 for one half of them share.
//  6. A pair's shares are the weighted fingerprints each holds in common
//     with the other over its own weighted fingerprints; its score is the
//     mean of the two. Pairs at or above the threshold are reported with
//     their matched regions: maximal runs of equal tokens grown from the
//     shared fingerprints, as lines of each side's files.
//
// The model answer joins as one more participant (Doc.Model), so a
// leaked model answer copied by several students shows up as theirs.
package similarity
