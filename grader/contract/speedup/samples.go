package speedup

import "parlab/grader/contract"

// Samples are the measurement the judge reads, in the wire format the
// timing run hands over (contract.Samples, validated by
// contract.DecodeSamples before any judging).
type Samples = contract.Samples
