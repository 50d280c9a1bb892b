import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_field_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='phone_verified_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='手机号验证时间'),
        ),
        migrations.CreateModel(
            name='PhoneCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phone_hash', models.CharField(max_length=64, verbose_name='手机号摘要')),
                ('purpose', models.CharField(choices=[('register', '注册'), ('verify', '验证手机号')], max_length=10, verbose_name='用途')),
                ('code_hash', models.CharField(blank=True, max_length=64, verbose_name='验证码摘要')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='发送时间')),
                ('expires_at', models.DateTimeField(verbose_name='失效时间')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='尝试次数')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='使用时间')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登录账号')),
            ],
            options={
                'verbose_name': '短信验证码',
                'verbose_name_plural': '短信验证码',
                'indexes': [models.Index(fields=['phone_hash', 'purpose', 'created_at'], name='people_phon_phone_h_97f703_idx')],
            },
        ),
    ]
