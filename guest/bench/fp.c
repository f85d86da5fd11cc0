/*
 * Scalar floating point: a softened n-body simulation in double precision
 * (square roots, divides, fused multiply-adds), a single-precision matrix
 * product with row normalisation fed from the bodies (double -> single), and
 * integer <-> FP conversions and roundings. Built with the normal bench
 * flags (no vectorising), so all of it is scalar FP.
 */
#include "kernels.h"

#define BODIES    8
#define MAT_N     8
#define SOFTENING 0.01
#define TIME_STEP 0.001

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[BODIES];
static float mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint64_t double_bits(double d)
{
    union {
        double d;
        uint64_t u;
    } v = {.d = d};
    return v.u;
}

/* A double in [-1, 1) from 32 random bits (SCVTF). */
static double random_unit(uint64_t *seed)
{
    return (double)(int32_t)bench_random(seed) * 0x1p-31;
}

static void nbody_init(uint64_t *seed)
{
    for (unsigned i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        b->x = random_unit(seed) * 10;
        b->y = random_unit(seed) * 10;
        b->z = random_unit(seed) * 10;
        b->vx = random_unit(seed) * 0.1;
        b->vy = random_unit(seed) * 0.1;
        b->vz = random_unit(seed) * 0.1;
        b->mass = 1.0 + (double)bench_random(seed) * 0x1p-62; /* UCVTF: in [1, 5) */
    }
}

/* Pairwise gravity updates the velocities, then the velocities move the bodies. */
static void nbody_step(double dt)
{
    for (unsigned i = 0; i < BODIES; i++) {
        struct body *a = &bodies[i];
        for (unsigned j = i + 1; j < BODIES; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz + SOFTENING;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            double ma = b->mass * mag, mb = a->mass * mag;
            a->vx -= dx * ma;
            a->vy -= dy * ma;
            a->vz -= dz * ma;
            b->vx += dx * mb;
            b->vy += dy * mb;
            b->vz += dz * mb;
        }
    }
    for (unsigned i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

static double nbody_energy(void)
{
    double e = 0;

    for (unsigned i = 0; i < BODIES; i++) {
        const struct body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (unsigned j = i + 1; j < BODIES; j++) {
            const struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz + SOFTENING);
        }
    }
    return e;
}

/* Fixed-point and rounded views of the bodies: FCVTZS, FCVTZU, FCVTAS, FCVTMS, FABS. */
static uint64_t nbody_quantised(void)
{
    uint64_t sum = 0;

    for (unsigned i = 0; i < BODIES; i++) {
        const struct body *b = &bodies[i];
        sum += (uint64_t)(int64_t)(b->x * 65536.0);
        sum ^= (uint64_t)(int32_t)(b->y * 4096.0);
        sum += (uint32_t)(__builtin_fabs(b->vz) * 1e6);
        sum = sum * 3 + (uint64_t)__builtin_lround(b->vx * 1e4);
        sum += (uint64_t)(int64_t)__builtin_floor(b->z * 100.0);
    }
    return sum;
}

/* C = A x B, then A = C with each row scaled to unit length; returns the largest |element|. */
static float matrix_round(void)
{
    float largest = 0;

    for (unsigned i = 0; i < MAT_N; i++)
        for (unsigned j = 0; j < MAT_N; j++) {
            float sum = 0;
            for (unsigned k = 0; k < MAT_N; k++)
                sum += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = sum;
        }
    for (unsigned i = 0; i < MAT_N; i++) {
        float norm2 = 0x1p-20f;
        for (unsigned j = 0; j < MAT_N; j++)
            norm2 += mat_c[i][j] * mat_c[i][j];
        float scale = 1.0f / __builtin_sqrtf(norm2);
        for (unsigned j = 0; j < MAT_N; j++) {
            mat_a[i][j] = mat_c[i][j] * scale;
            largest = __builtin_fmaxf(largest, __builtin_fabsf(mat_a[i][j]));
        }
    }
    return largest;
}

/* One row of B from a body (FCVT double -> single), so the product keeps changing. */
static void matrix_feed(unsigned row, const struct body *b)
{
    float *r = mat_b[row];
    r[0] = (float)b->x;
    r[1] = (float)b->y;
    r[2] = (float)b->z;
    r[3] = (float)(b->vx * 10);
    r[4] = (float)(b->vy * 10);
    r[5] = (float)(b->vz * 10);
    r[6] = (float)b->mass;
    r[7] = (float)(b->x * b->y - b->z);
}

uint64_t bench_fp(uint64_t iterations)
{
    uint64_t seed = 0x5eed0f10a7c0ffeeull, sum = 0;

    nbody_init(&seed);
    for (unsigned i = 0; i < MAT_N; i++)
        for (unsigned j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (float)random_unit(&seed);
            mat_b[i][j] = (float)random_unit(&seed);
        }
    for (uint64_t it = 0; it < iterations; it++) {
        nbody_step(TIME_STEP);
        nbody_step(TIME_STEP);
        matrix_feed(it % MAT_N, &bodies[it % BODIES]);
        float largest = matrix_round();
        double energy = nbody_energy();
        sum = (sum ^ double_bits(energy)) * 0x100000001b3ull;
        sum += nbody_quantised() + (uint64_t)(largest * 0x1p24f);
    }
    return sum;
}
