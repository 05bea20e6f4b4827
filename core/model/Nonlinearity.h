#pragma once

// The nonlinearities a recurrent cell may apply, as plain values for the loops over raw buffers
// (RecurrentSteps). Torch's cells use sigmoid for their gates and tanh for the candidate and the
// cell's output; Keras lets a layer choose both (`recurrent_activation`, `activation`) among these.
// No torch here, and no functions: files built with and without fast math both include it.

#include <cstdint>

namespace studio {

enum class Nonlinearity : uint8_t {
    Linear,
    Tanh,
    Sigmoid,
    HardSigmoidKeras2,  // clip(0.2·x + 0.5, 0, 1)
    HardSigmoidKeras3,  // clip(x/6 + 0.5, 0, 1), PyTorch's hardsigmoid
    Relu,
    Relu6,              // clip(x, 0, 6)
    Elu,                // α = 1
    Selu,
    Softplus,           // log(1 + eˣ), x itself above 20 (PyTorch's threshold)
    Softsign,           // x / (1 + |x|)
    Exponential,
    Swish,              // x · sigmoid(x), also called silu
    Gelu,               // the exact one, with erf
    Softmax,            // over the units of one gate of one sequence
};

// The two a cell uses: `gate` for its gates (LSTM i, f, o; GRU r, z), `candidate` for what it
// proposes (LSTM g, and tanh(c) in hₜ = o ⊙ tanh(cₜ); GRU n; a simple RNN's output). Torch's by default.
struct CellNonlinearities {
    Nonlinearity gate = Nonlinearity::Sigmoid;
    Nonlinearity candidate = Nonlinearity::Tanh;
};

} // namespace studio
