// no package clause at all

func Chunk() {}
