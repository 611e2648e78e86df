// An empty asm statement that claims to read and change its operand. The
// optimiser must then assume the value is unknown, so a loop that passes its
// counter through here cannot be replaced by a closed form (LLVM otherwise
// turns a sum of squares into a polynomial and the "kernel" takes no time).
// It emits no instruction.
static inline unsigned long pyvs_opaque(unsigned long value) {
    __asm__ volatile("" : "+r"(value));
    return value;
}
