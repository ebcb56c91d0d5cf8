module evil

go 1.25
