package similarity

import (
	"fmt"
	"testing"
)

// BenchmarkClassOf300 compares a class of 300 submissions of one
// exercise (the corpus's answers and copies, cycled, under new names) with
// the model answer: a class-sized comparison, where every answer is
// shared by some 14 students, which makes more pairs than a real class.
func BenchmarkClassOf300(b *testing.B) {
	for _, name := range []string{"histogram", "mergesort"} {
		b.Run(name, func(b *testing.B) {
			corpus := loadCorpus(b, name)
			stub := stubOf(b, name)
			var class []Doc
			for i := range 300 {
				d := corpus[i%(len(corpus)-1)] // the last is the model answer
				class = append(class, Doc{Name: fmt.Sprintf("student%03d", i), Files: d.Files})
			}
			class = append(class, corpus[len(corpus)-1])
			b.ResetTimer()
			for range b.N {
				Compare(class, Config{Stub: stub})
			}
		})
	}
}
