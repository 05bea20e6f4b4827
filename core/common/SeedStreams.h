#pragma once

// One run's seed fans out into independent, reproducible random streams: the initial weights,
// the data split, each epoch's shuffle and each epoch's dropout. Keeping them apart means that,
// for example, resuming at epoch 3 needs nothing but the seed and the epoch number.

#include <cstdint>
#include <initializer_list>
#include <random>
#include <vector>

namespace studio {

enum class SeedStream : uint32_t { Init = 1, Split = 2, Shuffle = 3, Dropout = 4 };

// The seed of `stream` (and of whatever else `extra` names, e.g. the epoch) for a run's `seed`.
inline uint64_t streamSeed(uint64_t seed, SeedStream stream, std::initializer_list<uint32_t> extra = {})
{
    std::vector<uint32_t> words{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                                static_cast<uint32_t>(stream)};
    words.insert(words.end(), extra.begin(), extra.end());
    std::seed_seq sequence(words.begin(), words.end());
    uint32_t out[2];
    sequence.generate(out, out + 2);
    return (static_cast<uint64_t>(out[0]) << 32) | out[1];
}

} // namespace studio
