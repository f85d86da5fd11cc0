/* Command-line parsing: what is accepted, the defaults, and every refusal. */
#include <stdarg.h>

#include "machine/options.h"
#include "trace/log.h"
#include "unit.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

static avsim_options_t opt;
static char err[512];

/* Parses "avsim ARGS..." (NULL-terminated). Returns options_parse's result. */
static int parse(const char *first, ...)
{
    char *argv[64] = {"avsim"};
    int argc = 1;
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && argc < 63; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    err[0] = '\0';
    return options_parse(&opt, argc, argv, err, sizeof err);
}

/* A refusal: -1 and a one-line message containing `needle`, without the "avsim: " prefix. */
#define CHECK_REFUSED(needle, ...)                                                                 \
    do {                                                                                           \
        CHECK_EQ(parse(__VA_ARGS__, NULL), -1);                                                    \
        CHECK_CONTAINS(err, needle);                                                               \
        CHECK(strchr(err, '\n') == NULL);                                                          \
        CHECK(strncmp(err, "avsim:", 6) != 0);                                                     \
    } while (0)

static void test_defaults(void)
{
    CHECK_EQ(parse(NULL), 0);
    CHECK(!opt.virtualization);
    CHECK_EQ(opt.gic_version, 3);
    CHECK_STR(opt.cpu_model, "max");
    CHECK_EQ(opt.ram_size, 128 * MIB);
    CHECK_EQ(opt.smp, 1);
    CHECK(!opt.kernel && !opt.initrd && !opt.append && !opt.dtb && !opt.dumpdtb);
    CHECK(!opt.nographic && !opt.semihosting && !opt.no_reboot);
    CHECK_EQ(opt.log_mask, 0);
    CHECK(!opt.logfile);
    CHECK(!opt.help && !opt.version && !opt.help_machine && !opt.help_cpu && !opt.help_log);
}

static void test_full_command_line(void)
{
    CHECK_EQ(parse("-M", "virt,virtualization=on,gic-version=3,dumpdtb=out.dtb", "-cpu", "max",
                   "-m", "1G", "-smp", "4", "-kernel", "Image", "-initrd", "initrd.gz", "-append",
                   "console=ttyAMA0 -- x", "-dtb", "user.dtb", "-nographic", "-semihosting",
                   "-no-reboot", "-d", "unimp,int", "-D", "log.txt", NULL),
             0);
    CHECK(opt.virtualization);
    CHECK_EQ(opt.gic_version, 3);
    CHECK_STR(opt.dumpdtb, "out.dtb");
    CHECK_EQ(opt.ram_size, GIB);
    CHECK_EQ(opt.smp, 4);
    CHECK_STR(opt.kernel, "Image");
    CHECK_STR(opt.initrd, "initrd.gz");
    CHECK_STR(opt.append, "console=ttyAMA0 -- x");
    CHECK_STR(opt.dtb, "user.dtb");
    CHECK(opt.nographic && opt.semihosting && opt.no_reboot);
    CHECK_EQ(opt.log_mask, LOG_UNIMP | LOG_INT);
    CHECK_STR(opt.logfile, "log.txt");
}

static void test_spellings(void)
{
    CHECK_EQ(parse("-machine", "virt,virtualization=on", "--kernel", "k", "--m", "256", NULL), 0);
    CHECK(opt.virtualization);
    CHECK_STR(opt.kernel, "k");
    CHECK_EQ(opt.ram_size, 256 * MIB);
    /* -M lists merge, as QEMU merges -machine properties; the last value wins. */
    CHECK_EQ(parse("-M", "virt", "-M", "virtualization=yes", "-M", "gic-version=3", NULL), 0);
    CHECK(opt.virtualization);
    CHECK_EQ(parse("-M", "type=virt,virtualization=true", "-M", "virtualization=off", NULL), 0);
    CHECK(!opt.virtualization);
    CHECK_EQ(parse("--machine", "virt", "--cpu", "max", "--smp", "cpus=2", NULL), 0);
    CHECK_EQ(opt.smp, 2);
    /* ",," escapes a comma inside a value. */
    CHECK_EQ(parse("-M", "virt,dumpdtb=a,,b.dtb,virtualization=on", NULL), 0);
    CHECK_STR(opt.dumpdtb, "a,b.dtb");
    CHECK(opt.virtualization);
    CHECK_EQ(parse("-kernel", "a", "-kernel", "b", NULL), 0);
    CHECK_STR(opt.kernel, "b");
    /* An option argument may itself start with '-'. */
    CHECK_EQ(parse("-append", "-v", NULL), 0);
    CHECK_STR(opt.append, "-v");
}

static void test_help_and_version(void)
{
    CHECK_EQ(parse("-M", "help", NULL), 0);
    CHECK(opt.help_machine);
    CHECK_EQ(parse("-machine", "?", NULL), 0);
    CHECK(opt.help_machine);
    CHECK_EQ(parse("-cpu", "help", NULL), 0);
    CHECK(opt.help_cpu);
    CHECK_EQ(parse("-d", "help", NULL), 0);
    CHECK(opt.help_log);
    CHECK_EQ(parse("--version", NULL), 0);
    CHECK(opt.version);
    CHECK_EQ(parse("-version", NULL), 0);
    CHECK(opt.version);
    CHECK_EQ(parse("-h", NULL), 0);
    CHECK(opt.help);
    CHECK_EQ(parse("--help", NULL), 0);
    CHECK(opt.help);
}

static uint64_t ram_of(const char *size)
{
    return parse("-m", size, NULL) == 0 ? opt.ram_size : 0;
}

static void test_sizes(void)
{
    CHECK_EQ(ram_of("128"), 128 * MIB); /* plain number: MiB */
    CHECK_EQ(ram_of("128M"), 128 * MIB);
    CHECK_EQ(ram_of("200m"), 200 * MIB);
    CHECK_EQ(ram_of("1G"), GIB);
    CHECK_EQ(ram_of("2g"), 2 * GIB);
    CHECK_EQ(ram_of("1.5G"), GIB + GIB / 2);
    CHECK_EQ(ram_of("524288K"), 512 * MIB);
    CHECK_EQ(ram_of("size=1G"), GIB);
    CHECK_EQ(ram_of("255G"), 255 * GIB);
    CHECK_EQ(ram_of("0.125T"), 128 * GIB);
    /* Rounded up to 8 KiB like QEMU. */
    CHECK_EQ(ram_of("1001K"), 1032192);
    CHECK_EQ(ram_of("1B"), 8192);

    CHECK_REFUSED("must be positive", "-m", "0");
    CHECK_REFUSED("must be positive", "-m", "0G");
    CHECK_REFUSED("too large", "-m", "256G");
    CHECK_REFUSED("too large", "-m", "1T");
    CHECK_REFUSED("too large", "-m", "15E");
    CHECK_REFUSED("invalid RAM size '16E'", "-m", "16E"); /* not below 2^64 */
    CHECK_REFUSED("invalid RAM size", "-m", "99999999999999999999");
    CHECK_REFUSED("invalid RAM size 'abc'", "-m", "abc");
    CHECK_REFUSED("invalid RAM size", "-m", "12X");
    CHECK_REFUSED("invalid RAM size", "-m", "1e3");
    CHECK_REFUSED("invalid RAM size", "-m", "0x100");
    CHECK_REFUSED("invalid RAM size", "-m", "-1");
    CHECK_REFUSED("invalid RAM size", "-m", "1.G");
    CHECK_REFUSED("invalid RAM size", "-m", "1MB");
    CHECK_REFUSED("needs a size", "-m", "");
    CHECK_REFUSED("'slots' is not supported", "-m", "size=1G,slots=2");
    CHECK_REFUSED("'maxmem' is not supported", "-m", "1G,maxmem=2G");
}

static void test_smp(void)
{
    CHECK_EQ(parse("-smp", "8", NULL), 0);
    CHECK_EQ(opt.smp, AVSIM_MAX_CPUS);
    CHECK_EQ(parse("-smp", "cpus=3", NULL), 0);
    CHECK_EQ(opt.smp, 3);
    CHECK_REFUSED("at least one CPU", "-smp", "0");
    CHECK_REFUSED("at most 8 CPUs", "-smp", "9");
    CHECK_REFUSED("-smp 99: at most 8 CPUs", "-smp", "99");
    CHECK_REFUSED("at most 8 CPUs", "-smp", "18446744073709551615");
    CHECK_REFUSED("invalid CPU count", "-smp", "18446744073709551616");
    CHECK_REFUSED("invalid CPU count 'two'", "-smp", "two");
    CHECK_REFUSED("invalid CPU count", "-smp", "-1");
    CHECK_REFUSED("invalid CPU count", "-smp", "");
    CHECK_REFUSED("'sockets' is not supported", "-smp", "2,sockets=2");
}

static void test_machine_refusals(void)
{
    CHECK_REFUSED("GICv2 is not supported yet; use gic-version=3", "-M", "virt,gic-version=2");
    CHECK_REFUSED("GICv4 is not supported", "-M", "virt,gic-version=4");
    CHECK_REFUSED("gic-version=max is not supported", "-M", "virt,gic-version=max");
    CHECK_REFUSED("gic-version=host is not supported", "-M", "virt,gic-version=host");
    CHECK_REFUSED("invalid gic-version 'x'", "-M", "virt,gic-version=x");
    CHECK_REFUSED("unsupported machine 'sbsa-ref'", "-M", "sbsa-ref");
    CHECK_REFUSED("unsupported machine 'virt-9.2'", "-M", "virt-9.2");
    CHECK_REFUSED("unsupported machine 'raspi3b'", "-M", "type=raspi3b");
    CHECK_REFUSED("needs a machine name", "-M", "");
    CHECK_REFUSED("invalid value 'maybe' for virtualization", "-M", "virt,virtualization=maybe");
    CHECK_REFUSED("unsupported virt property 'secure'", "-M", "virt,secure=on");
    CHECK_REFUSED("expected property=value", "-M", "virt,virtualization");
    CHECK_REFUSED("dumpdtb needs a file name", "-M", "virt,dumpdtb=");
}

static void test_cpu(void)
{
    CHECK_EQ(parse("-cpu", "max", NULL), 0);
    CHECK_REFUSED("unsupported CPU model 'cortex-a57'", "-cpu", "cortex-a57");
    CHECK_REFUSED("unsupported CPU model 'host'", "-cpu", "host");
    CHECK_REFUSED("CPU properties are not supported", "-cpu", "max,sve=off");
}

static void test_semihosting_config(void)
{
    CHECK_EQ(parse("-semihosting-config", "enable=on,target=native", NULL), 0);
    CHECK(opt.semihosting);
    CHECK_EQ(parse("-semihosting-config", "on", NULL), 0);
    CHECK(opt.semihosting);
    CHECK_EQ(parse("--semihosting-config", "target=auto", NULL), 0);
    CHECK(opt.semihosting);
    CHECK_EQ(parse("-semihosting", "-semihosting-config", "enable=off", NULL), 0);
    CHECK(!opt.semihosting);
    CHECK_REFUSED("target=gdb is not supported", "-semihosting-config", "enable=on,target=gdb");
    CHECK_REFUSED("'chardev' is not supported", "-semihosting-config", "chardev=c0");
    CHECK_REFUSED("invalid value 'sometimes' for enable", "-semihosting-config",
                  "enable=sometimes");
}

static void test_log(void)
{
    CHECK_EQ(parse("-d", "exec,stats,guest_errors,psci,sysreg", NULL), 0);
    CHECK_EQ(opt.log_mask, LOG_EXEC | LOG_STATS | LOG_GUEST | LOG_PSCI | LOG_SYSREG);
    CHECK_REFUSED("unknown log category 'bogus'", "-d", "int,bogus");
    CHECK_EQ(parse("-D", "trace.log", NULL), 0);
    CHECK_STR(opt.logfile, "trace.log");
}

static void test_option_refusals(void)
{
    CHECK_REFUSED("unknown option '-foo'", "-foo");
    CHECK_REFUSED("unknown option '--bogus'", "--bogus");
    CHECK_REFUSED("unknown option '-enable-kvm'", "-enable-kvm");
    CHECK_REFUSED("unknown option '---kernel'", "---kernel", "k");
    CHECK_REFUSED("unexpected argument 'prog.elf'", "prog.elf");
    CHECK_REFUSED("unexpected argument '-'", "-");
    CHECK_REFUSED("option '-kernel' needs an argument", "-kernel");
    CHECK_REFUSED("option '-M' needs an argument", "-M");
    CHECK_REFUSED("option '--append' needs an argument", "--append");
    CHECK_REFUSED("option '-m' needs an argument", "-cpu", "max", "-m");
    CHECK_REFUSED("option '-d' needs an argument", "-d");
    /* A bad value that takes effect is reported even when later options are fine. */
    CHECK_REFUSED("-smp 0", "-smp", "0", "-m", "128M");
}

/* The last occurrence wins, and only the values that take effect are validated. */
static void test_repeated_options(void)
{
    CHECK_EQ(parse("-smp", "99", "-smp", "2", NULL), 0);
    CHECK_EQ(opt.smp, 2);
    CHECK_EQ(parse("-m", "0", "-m", "128M", NULL), 0);
    CHECK_EQ(opt.ram_size, 128 * MIB);
    CHECK_EQ(parse("-m", "12X", "-m", "1G", "-smp", "lots", "-smp", "cpus=3", NULL), 0);
    CHECK_EQ(opt.ram_size, GIB);
    CHECK_EQ(opt.smp, 3);
    CHECK_EQ(parse("-cpu", "cortex-a57", "-cpu", "max", NULL), 0);
    CHECK_EQ(parse("-icount", "shift=99", "-icount", "auto", NULL), 0);
    CHECK_EQ(opt.icount_shift, ICOUNT_HOST_CLOCK);
    /* -M merges properties; the last value of each wins. */
    CHECK_EQ(parse("-M", "sbsa-ref,gic-version=2,virtualization=maybe", "-M",
                   "virt,virtualization=on", "-M", "gic-version=3", NULL),
             0);
    CHECK(opt.virtualization);
    CHECK_EQ(opt.gic_version, 3);
    CHECK_REFUSED("-smp 99: at most 8 CPUs", "-smp", "2", "-smp", "99");
    CHECK_REFUSED("RAM size must be positive (-m 0)", "-m", "128M", "-m", "0");
    CHECK_REFUSED("too large", "-m", "1G", "-m", "256G");
    CHECK_REFUSED("unsupported CPU model 'host'", "-cpu", "max", "-cpu", "host");
    CHECK_REFUSED("GICv2 is not supported", "-M", "virt,gic-version=3", "-M", "gic-version=2");
    CHECK_REFUSED("unsupported machine 'sbsa-ref'", "-M", "virt", "-M", "type=sbsa-ref");
    CHECK_REFUSED("-icount: invalid shift '99'", "-icount", "3", "-icount", "shift=99");
}

/* -accel tcg[,tb-size=N][,thread=single|multi]: the decoded-code cache's bound in MiB (0: the
 * default); one host thread per CPU, which runs on the host clock and refuses what needs one. */
static void test_accel(void)
{
    CHECK_EQ(parse(NULL), 0);
    CHECK_EQ(opt.tb_size_mib, 0);
    CHECK_EQ(parse("-accel", "tcg", NULL), 0);
    CHECK_EQ(opt.tb_size_mib, 0);
    CHECK_EQ(parse("-accel", "tcg,tb-size=64", NULL), 0);
    CHECK_EQ(opt.tb_size_mib, 64);
    CHECK_EQ(parse("--accel", "accel=tcg,tb-size=1048576", NULL), 0);
    CHECK_EQ(opt.tb_size_mib, 1048576);
    CHECK_EQ(parse("-accel", "kvm", "-accel", "tcg,tb-size=1", NULL), 0);
    CHECK_EQ(opt.tb_size_mib, 1);
    CHECK_REFUSED("-accel kvm is not supported", "-accel", "kvm");
    CHECK(!opt.thread_multi);
    CHECK_EQ(parse("-accel", "tcg,thread=multi", NULL), 0);
    CHECK(opt.thread_multi);
    CHECK_EQ(opt.icount_shift, ICOUNT_HOST_CLOCK);
    CHECK_EQ(parse("-accel", "tcg,thread=multi", "-icount", "auto", NULL), 0);
    CHECK_EQ(parse("-accel", "tcg,thread=multi", "-accel", "tcg,thread=single", NULL), 0);
    CHECK(!opt.thread_multi);
    CHECK_EQ(opt.icount_shift, ICOUNT_SHIFT_DEFAULT);
    CHECK_REFUSED("-accel: invalid thread 'many'", "-accel", "tcg,thread=many");
    CHECK_REFUSED("-accel: 'split-wx' is not supported", "-accel", "tcg,split-wx=on");
    CHECK_REFUSED("deterministic -icount shift=N needs thread=single", "-accel", "tcg,thread=multi",
                  "-icount", "3");
    CHECK_REFUSED("-cache mode=on|check needs -accel thread=single", "-accel", "tcg,thread=multi",
                  "-cache", "mode=check");
    CHECK_REFUSED("-gdb needs -accel thread=single", "-accel", "tcg,thread=multi", "-s");
    CHECK_EQ(parse("-accel", "tcg,thread=multi", "-trace-file", "t.json", NULL), 0);
    CHECK_REFUSED("-accel: invalid tb-size '1048577'", "-accel", "tcg,tb-size=1048577");
    CHECK_REFUSED("-accel: invalid tb-size '64M'", "-accel", "tcg,tb-size=64M");
    CHECK_REFUSED("-accel: expected property=value", "-accel", "tcg,split-wx");
    CHECK_REFUSED("-accel needs an accelerator", "-accel", "");
}

/* -gdb DEV, -s, -S (QEMU's): the device is checked while parsing; -S needs a debugger. */
static void test_gdb(void)
{
    CHECK_EQ(parse(NULL), 0);
    CHECK(opt.gdb == NULL);
    CHECK(!opt.start_stopped);
    CHECK_EQ(parse("-s", "-S", NULL), 0);
    CHECK_STR(opt.gdb, "tcp::1234");
    CHECK(opt.start_stopped);
    CHECK_EQ(parse("-gdb", "tcp::5678", NULL), 0);
    CHECK_STR(opt.gdb, "tcp::5678");
    CHECK_EQ(parse("--gdb", "tcp:localhost:1,server=on,wait=off", NULL), 0);
    CHECK_EQ(parse("-gdb", "tcp:127.0.0.1:65535,server,nowait", "-S", NULL), 0);
    CHECK_EQ(parse("-s", "-gdb", "tcp::4321", NULL), 0); /* the last one wins */
    CHECK_STR(opt.gdb, "tcp::4321");
    CHECK_REFUSED("-S needs -gdb DEV or -s", "-S");
    CHECK_REFUSED("only tcp:[HOST]:PORT is supported", "-gdb", "udp::1234");
    CHECK_REFUSED("only tcp:[HOST]:PORT is supported", "-gdb", "stdio");
    CHECK_REFUSED("expected tcp:[HOST]:PORT", "-gdb", "tcp:1234");
    CHECK_REFUSED("invalid port '0'", "-gdb", "tcp::0");
    CHECK_REFUSED("invalid port '65536'", "-gdb", "tcp::65536");
    CHECK_REFUSED("invalid port '12a'", "-gdb", "tcp::12a");
    CHECK_REFUSED("bad address", "-gdb", "tcp::");
    CHECK_REFUSED("option 'reconnect=1' is not supported", "-gdb", "tcp::1234,reconnect=1");
    CHECK_REFUSED("option 'wait=on' is not supported", "-gdb", "tcp::1234,wait=on");
}

int main(void)
{
    test_defaults();
    test_full_command_line();
    test_spellings();
    test_help_and_version();
    test_sizes();
    test_smp();
    test_machine_refusals();
    test_cpu();
    test_semihosting_config();
    test_log();
    test_option_refusals();
    test_repeated_options();
    test_accel();
    test_gdb();
    return unit_report();
}
