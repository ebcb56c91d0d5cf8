package reference

import "fmt"

// MatMul is the notebook's matrix_multiply_serial: the textbook triple loop
// C[i][j] = Σ_k A[i][k]·B[k][j]. It panics if the inner dimensions differ,
// as a programming error.
func MatMul(a, b Matrix) Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("reference.MatMul: %dx%d times %dx%d: inner dimensions differ", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	c := Matrix{Rows: a.Rows, Cols: b.Cols, Data: make([]float64, a.Rows*b.Cols)}
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < b.Cols; j++ {
			sum := 0.0
			for k := 0; k < a.Cols; k++ {
				sum += a.Data[i*a.Cols+k] * b.Data[k*b.Cols+j]
			}
			c.Data[i*c.Cols+j] = sum
		}
	}
	return c
}
