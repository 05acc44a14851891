#!/usr/bin/env perl
# Runs Sisimai (Debian: apt-get install libsisimai-perl) over bounce emails and
# prints, as JSON, one record per recipient: the file name, Sisimai's reason,
# and the diagnostic code/text and SMTP reply fields Sisimai extracted.
#
#   perl bench/sisimai-dump.pl ../../../shared/bounce-samples/*.eml > bench/out/sisimai.json
#
# Used by bench/sisimai-compare.ts and test/classify-sisimai.test.ts; the
# output stays out of the repository (bench/out/ is git-ignored). Sisimai hands
# back UTF-8 bytes, so the JSON is printed without re-encoding.
use strict;
use warnings;
use Sisimai;
use JSON::PP;
use File::Basename qw(basename);

my @records;
for my $path (sort @ARGV) {
    my $facts = Sisimai->make($path, 'delivered' => 1) || [];
    for my $d (@$facts) {
        push @records, {
            'file'      => basename($path),
            'recipient' => $d->recipient ? $d->recipient->address : '',
            'reason'    => $d->reason // '',
            'status'    => $d->deliverystatus // '',
            'replycode' => $d->replycode // '',
            'command'   => $d->smtpcommand // '',
            'diagnosis' => $d->diagnosticcode // '',
            'action'    => $d->action // '',
        };
    }
}
print JSON::PP->new->canonical->encode({ 'sisimai' => "$Sisimai::VERSION", 'records' => \@records }), "\n";
